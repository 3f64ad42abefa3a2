namespace Classroom.MediaRelay.Sessions;

/// <summary>Which cap a new session would break.</summary>
internal enum QuotaRefusal
{
    None,
    Subject,
    Address,
}

/// <summary>
/// Live sessions per token subject and per client address. A slot is taken before the offer is
/// negotiated and given back exactly once: when the offer is refused, or when the session closes
/// (<see cref="SessionRegistry.OnClosed"/>), whatever closed it.
/// </summary>
internal sealed class SessionQuota(int perSubject, int perAddress)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _bySubject = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _byAddress = new(StringComparer.Ordinal);

    public QuotaRefusal TryTake(string subject, string? address)
    {
        lock (_gate)
        {
            if (_bySubject.GetValueOrDefault(subject) >= perSubject) return QuotaRefusal.Subject;
            if (address is not null && _byAddress.GetValueOrDefault(address) >= perAddress) return QuotaRefusal.Address;
            _bySubject[subject] = _bySubject.GetValueOrDefault(subject) + 1;
            if (address is not null) _byAddress[address] = _byAddress.GetValueOrDefault(address) + 1;
            return QuotaRefusal.None;
        }
    }

    public void Release(string subject, string? address)
    {
        lock (_gate)
        {
            Decrement(_bySubject, subject);
            if (address is not null) Decrement(_byAddress, address);
        }
    }

    /// <summary>Live sessions counted for a subject (tests, stats).</summary>
    public int OfSubject(string subject)
    {
        lock (_gate) return _bySubject.GetValueOrDefault(subject);
    }

    /// <summary>Live sessions counted for an address key (tests, stats).</summary>
    public int OfAddress(string address)
    {
        lock (_gate) return _byAddress.GetValueOrDefault(address);
    }

    private static void Decrement(Dictionary<string, int> counts, string key)
    {
        // Entries go when they reach zero, so the maps hold only live subjects and addresses.
        var n = counts.GetValueOrDefault(key) - 1;
        if (n > 0) counts[key] = n;
        else counts.Remove(key);
    }
}
