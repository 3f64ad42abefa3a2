namespace Classroom.MediaRelay.Protocols.Srtp;

/// <summary>
/// Sliding 64-packet replay window over packet indices (RFC 3711 §3.3.2, Appendix A's bitmap).
/// Checked before authentication (cheap drop), updated only after it succeeds so forged packets
/// cannot move the window.
/// </summary>
internal struct ReplayWindow
{
    public const int Size = 64;

    private ulong _highest;
    private ulong _mask;
    private bool _initialized;

    public readonly ulong Highest => _highest;

    public readonly bool IsInitialized => _initialized;

    public readonly bool IsReplay(ulong index)
    {
        if (!_initialized || index > _highest)
        {
            return false;
        }

        ulong delta = _highest - index;
        return delta >= Size || ((_mask >> (int)delta) & 1) != 0;
    }

    public void Accept(ulong index)
    {
        if (!_initialized)
        {
            _initialized = true;
            _highest = index;
            _mask = 1;
            return;
        }

        if (index > _highest)
        {
            ulong shift = index - _highest;
            _mask = shift >= Size ? 1 : (_mask << (int)shift) | 1;
            _highest = index;
        }
        else
        {
            _mask |= 1UL << (int)(_highest - index);
        }
    }
}
