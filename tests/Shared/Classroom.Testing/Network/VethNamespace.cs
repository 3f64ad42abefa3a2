using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Classroom.Testing.Network;

/// <summary>
/// A network namespace joined to the test's own namespace by a veth pair: 10.231.S.1/30 on the
/// test's side (<see cref="HostAddress"/>), 10.231.S.2/30 inside (<see cref="PeerAddress"/>).
/// Chromium started through <see cref="WrapperPath"/> lives in the namespace, so everything it
/// sends to the test process crosses the veth, where loss (nftables, <see cref="AddRandomLossAsync"/>)
/// and a rate limit (tbf, <see cref="LimitRateAsync"/>) apply to it and to nothing else.
/// <para>
/// Requires root and refuses to run in the machine's main network namespace: run the tests
/// inside <c>unshare -n</c> as scripts/test.sh does, so nothing here can touch the real network.
/// DisposeAsync deletes the nftables table, the veth pair and the namespace.
/// </para>
/// </summary>
public sealed partial class VethNamespace : IAsyncDisposable
{
    private const string Ip = "/usr/sbin/ip";
    private const string Nft = "/usr/sbin/nft";
    private const string Tc = "/usr/sbin/tc";
    private static int s_next;

    private readonly string _lossTable;
    private readonly string _cutTable;
    private readonly string _peerInterface;
    private readonly string _wrapperFolder;
    private bool _lossAdded;
    private bool _cut;
    private bool _disposed;

    private VethNamespace(string name, string hostInterface, int subnet)
    {
        Name = name;
        HostInterface = hostInterface;
        HostAddress = IPAddress.Parse($"10.231.{subnet}.1");
        PeerAddress = IPAddress.Parse($"10.231.{subnet}.2");
        _lossTable = "clt_loss_" + name.Replace('-', '_');
        _cutTable = "clt_cut_" + name.Replace('-', '_');
        _peerInterface = hostInterface[..^1] + "p";
        _wrapperFolder = Path.Combine(Path.GetTempPath(), "classroom-netns-" + name);
        WrapperPath = Path.Combine(_wrapperFolder, "chromium");
    }

    public string Name { get; }

    /// <summary>The veth end in the test's namespace; tbf on it shapes what the test side sends into the namespace.</summary>
    public string HostInterface { get; }

    public IPAddress HostAddress { get; }

    public IPAddress PeerAddress { get; }

    /// <summary>An executable that runs /usr/bin/chromium inside the namespace with the arguments it is given.</summary>
    public string WrapperPath { get; }

    /// <param name="subnet">The S in 10.231.S.0/30 (0–255); distinct per namespace alive at once in one test process.</param>
    public static async Task<VethNamespace> CreateAsync(int subnet)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(subnet);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(subnet, 255);
        EnsureIsolated();
        var n = Interlocked.Increment(ref s_next);
        // Interface names are limited to 15 characters.
        var id = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId % 100000}x{n}");
        var ns = new VethNamespace("clt-" + id, "clt" + id + "h", subnet);
        try
        {
            await ns.SetUpAsync(id);
        }
        catch
        {
            await ns.DisposeAsync();
            throw;
        }

        return ns;
    }

    private async Task SetUpAsync(string id)
    {
        var peer = "clt" + id + "p";
        await HostCommand.RunAsync(Ip, "netns", "add", Name);
        await HostCommand.RunAsync(Ip, "link", "add", HostInterface, "type", "veth", "peer", "name", peer, "netns", Name);
        await HostCommand.RunAsync(Ip, "addr", "add", HostAddress + "/30", "dev", HostInterface);
        await HostCommand.RunAsync(Ip, "link", "set", HostInterface, "up");
        await HostCommand.RunAsync(Ip, "-n", Name, "addr", "add", PeerAddress + "/30", "dev", peer);
        await HostCommand.RunAsync(Ip, "-n", Name, "link", "set", peer, "up");
        await HostCommand.RunAsync(Ip, "-n", Name, "link", "set", "lo", "up");
        Directory.CreateDirectory(_wrapperFolder);
        await File.WriteAllTextAsync(WrapperPath, $"#!/bin/sh\nexec {Ip} netns exec {Name} /usr/bin/chromium \"$@\"\n");
        if (OperatingSystem.IsLinux())
            File.SetUnixFileMode(WrapperPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
                | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    /// <summary>
    /// Random loss on the UDP leg between the namespace and <see cref="HostAddress"/>:<paramref name="hostPort"/>,
    /// both ways: packets from the host port are dropped on input inside the namespace, packets to
    /// it on input in the test's namespace (nftables <c>numgen random</c>, in units of 1/10,000).
    /// Each rule counts what it saw and what it dropped (<see cref="ReadLossCountersAsync"/>).
    /// </summary>
    public async Task AddRandomLossAsync(double fraction, int hostPort)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1);
        var threshold = (int)Math.Round(fraction * 10000);
        var down = $$"""
            table inet {{_lossTable}} {
              chain in {
                type filter hook input priority 0; policy accept;
                ip saddr {{HostAddress}} udp sport {{hostPort}} counter comment "seen"
                ip saddr {{HostAddress}} udp sport {{hostPort}} numgen random mod 10000 < {{threshold}} counter drop comment "dropped"
              }
            }
            """;
        var up = down.Replace($"ip saddr {HostAddress} udp sport", $"ip saddr {PeerAddress} udp dport", StringComparison.Ordinal);
        await HostCommand.RunAsync(Ip, ["netns", "exec", Name, Nft, "-f", "-"], down);
        _lossAdded = true;
        await HostCommand.RunAsync(Nft, ["-f", "-"], up);
    }

    /// <summary>What the loss rules saw and dropped: towards the namespace (down) and from it (up).</summary>
    public async Task<LossCounters> ReadLossCountersAsync()
    {
        var down = await HostCommand.RunAsync(Ip, "netns", "exec", Name, Nft, "list", "table", "inet", _lossTable);
        var up = await HostCommand.RunAsync(Nft, "list", "table", "inet", _lossTable);
        return new LossCounters(Counter(down, "seen"), Counter(down, "dropped"), Counter(up, "seen"), Counter(up, "dropped"));
    }

    private static long Counter(string table, string comment)
    {
        foreach (Match m in CounterPattern().Matches(table))
        {
            if (m.Groups[2].Value == comment) return long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        throw new InvalidOperationException($"no counter '{comment}' in:\n{table}");
    }

    [GeneratedRegex("counter packets (\\d+) bytes \\d+ .*?comment \"(\\w+)\"")]
    private static partial Regex CounterPattern();

    /// <summary>
    /// Cuts the link as a pulled cable does: every packet arriving over the veth is dropped on
    /// input at both ends (nftables), so no sender sees an error — packets vanish, no ICMP, no
    /// RST — and loopback on either side is untouched. <see cref="RestoreAsync"/> ends it.
    /// </summary>
    public async Task CutAsync()
    {
        const string table = """
            table inet TABLE {
              chain in {
                type filter hook input priority -10; policy accept;
                iifname "IFACE" counter drop
              }
            }
            """;
        var rules = table.Replace("TABLE", _cutTable, StringComparison.Ordinal);
        _cut = true;
        await HostCommand.RunAsync(Ip, ["netns", "exec", Name, Nft, "-f", "-"], rules.Replace("IFACE", _peerInterface, StringComparison.Ordinal));
        await HostCommand.RunAsync(Nft, ["-f", "-"], rules.Replace("IFACE", HostInterface, StringComparison.Ordinal));
    }

    /// <summary>Ends a <see cref="CutAsync"/>: the drop rules of both ends deleted.</summary>
    public async Task RestoreAsync()
    {
        await HostCommand.RunAsync(Nft, "delete", "table", "inet", _cutTable);
        await HostCommand.RunAsync(Ip, "netns", "exec", Name, Nft, "delete", "table", "inet", _cutTable);
        _cut = false;
    }

    /// <summary>tbf on the test side of the veth: limits what is sent into the namespace (e.g. media to a player).</summary>
    public Task LimitRateAsync(int kbit, int burstKbit = 32, int latencyMs = 50) =>
        HostCommand.RunAsync(Tc, "qdisc", "replace", "dev", HostInterface, "root", "tbf",
            "rate", kbit.ToString(CultureInfo.InvariantCulture) + "kbit",
            "burst", burstKbit.ToString(CultureInfo.InvariantCulture) + "kbit",
            "latency", latencyMs.ToString(CultureInfo.InvariantCulture) + "ms");

    public Task RemoveRateLimitAsync() => HostCommand.RunAsync(Tc, "qdisc", "del", "dev", HostInterface, "root");

    /// <summary>Statistics of the veth's root qdisc (tbf drops, overlimits), for logs.</summary>
    public Task<string> QdiscStatsAsync() => HostCommand.RunAsync(Tc, "-s", "qdisc", "show", "dev", HostInterface);

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (_lossAdded) await HostCommand.RunAsync(Nft, ["delete", "table", "inet", _lossTable], check: false);
        if (_cut) await HostCommand.RunAsync(Nft, ["delete", "table", "inet", _cutTable], check: false);
        // Deleting the namespace deletes its veth end and with it the pair.
        await HostCommand.RunAsync(Ip, ["link", "del", HostInterface], check: false);
        await HostCommand.RunAsync(Ip, ["netns", "del", Name], check: false);
        try
        {
            Directory.Delete(_wrapperFolder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    /// <summary>
    /// Root, in a namespace of its own: one whose only interfaces are loopback and veths these
    /// helpers made (/proc/self/net/dev lists the current namespace's), as under <c>unshare -n</c>.
    /// </summary>
    private static void EnsureIsolated()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
            throw new InvalidOperationException("network namespace tests need root on Linux (scripts/test.sh runs them as root inside unshare -n)");
        var others = File.ReadAllLines("/proc/self/net/dev").Skip(2)
            .Select(line => line.Split(':')[0].Trim())
            .Where(name => name != "lo" && !name.StartsWith("clt", StringComparison.Ordinal))
            .ToList();
        if (others.Count > 0)
            throw new InvalidOperationException($"refusing to add veth/nftables/tc next to {string.Join(", ", others)}: run the tests inside `unshare -n` (scripts/test.sh does)");
    }
}

/// <summary>nftables loss counters: down = towards the namespace, up = from it.</summary>
public sealed record LossCounters(long DownSeen, long DownDropped, long UpSeen, long UpDropped)
{
    public override string ToString() =>
        $"down {DownDropped}/{DownSeen} dropped ({Share(DownDropped, DownSeen):P2}), up {UpDropped}/{UpSeen} dropped ({Share(UpDropped, UpSeen):P2})";

    private static double Share(long part, long whole) => whole == 0 ? 0 : (double)part / whole;
}
