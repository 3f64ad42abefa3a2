using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Classroom.Testing.Network;

/// <summary>
/// A userspace UDP impairment relay for tests (the kernel here has no netem): clients send to
/// <see cref="LocalEndPoint"/>, each client gets its own upstream socket towards the target, and
/// replies go back to the client from <see cref="LocalEndPoint"/>. Each client's leg gets a
/// <see cref="LegImpairment"/> chosen once from its address (e.g. only the player's namespace
/// address is impaired; every other client passes through untouched on the receiving thread).
/// <para>
/// Delay and jitter: impaired packets wait in a bounded FIFO per client and direction
/// (<c>queueCapacity</c> packets; a full queue drops the newest, counted) and are released by one
/// dedicated scheduler thread at their due time. Loss: a seeded <see cref="Random"/> per client
/// and direction, so a run is reproducible for a given order of arrivals. Nothing is allocated per
/// packet: the datagrams are copied into preallocated slots. Dispose stops every thread.
/// </para>
/// </summary>
public sealed class ImpairmentRelay : IDisposable
{
    /// <summary>Largest datagram a queue slot holds; larger ones are dropped and counted (WebRTC stays under 1,300 bytes).</summary>
    public const int SlotSize = 2048;

    private readonly Socket _front;
    private readonly IPEndPoint _target;
    private readonly Func<IPEndPoint, LegImpairment> _classify;
    private readonly int _seed;
    private readonly int _queueCapacity;
    private readonly Flow?[] _flows;
    private readonly Lane?[] _lanes;
    private readonly object _gate = new();
    private readonly Thread _frontThread;
    private readonly Thread _scheduler;
    private int _flowCount;
    private int _laneCount;
    private long _refusedFlows;
    private volatile bool _stopping;

    /// <param name="listen">Where clients send; port 0 picks a free one.</param>
    /// <param name="target">The real server.</param>
    /// <param name="classify">The impairment of a client's leg, asked once when its first datagram arrives.</param>
    /// <param name="seed">Seeds loss and jitter (client n, direction d uses seed + 2n + d).</param>
    /// <param name="queueCapacity">Packets waiting per client and direction before new ones are dropped.</param>
    /// <param name="maxFlows">Clients served; datagrams from more are dropped and counted.</param>
    public ImpairmentRelay(IPEndPoint listen, IPEndPoint target, Func<IPEndPoint, LegImpairment> classify, int seed = 1,
        int queueCapacity = 512, int maxFlows = 8)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(classify);
        ArgumentOutOfRangeException.ThrowIfLessThan(queueCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFlows, 1);
        _target = target;
        _classify = classify;
        _seed = seed;
        _queueCapacity = queueCapacity;
        _flows = new Flow?[maxFlows];
        _lanes = new Lane?[maxFlows * 2];
        _front = new Socket(listen.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 << 20, SendBufferSize = 4 << 20 };
        try
        {
            _front.Bind(listen);
        }
        catch
        {
            _front.Dispose();
            throw;
        }

        LocalEndPoint = (IPEndPoint)_front.LocalEndPoint!;
        _frontThread = new Thread(ReceiveFromClients) { IsBackground = true, Name = "impairment-front" };
        _scheduler = new Thread(ReleaseDuePackets) { IsBackground = true, Name = "impairment-scheduler" };
        _frontThread.Start();
        _scheduler.Start();
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Datagrams dropped because <c>maxFlows</c> clients were already served.</summary>
    public long RefusedFlowDatagrams => Interlocked.Read(ref _refusedFlows);

    /// <summary>The clients seen so far with their counters (live objects).</summary>
    public IReadOnlyList<ImpairedFlow> Flows
    {
        get
        {
            var count = Volatile.Read(ref _flowCount);
            var list = new List<ImpairedFlow>(count);
            for (var i = 0; i < count; i++)
            {
                var flow = _flows[i]!;
                list.Add(new ImpairedFlow(flow.Client, flow.Impairment, flow.Up.Counters, flow.Down.Counters));
            }

            return list;
        }
    }

    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        _front.Dispose();
        var count = Volatile.Read(ref _flowCount);
        for (var i = 0; i < count; i++) _flows[i]!.Back.Dispose();
        lock (_gate) Monitor.PulseAll(_gate);
        _frontThread.Join(TimeSpan.FromSeconds(2));
        _scheduler.Join(TimeSpan.FromSeconds(2));
        for (var i = 0; i < count; i++) _flows[i]!.Thread.Join(TimeSpan.FromSeconds(2));
    }

    private void ReceiveFromClients()
    {
        var buffer = new byte[65536];
        var from = new SocketAddress(LocalEndPoint.AddressFamily);
        while (!_stopping)
        {
            int length;
            try
            {
                length = _front.ReceiveFrom(buffer, SocketFlags.None, from);
            }
            catch (SocketException) when (!_stopping)
            {
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            var flow = FindFlow(from) ?? AddFlow(from);
            if (flow is null)
            {
                Interlocked.Increment(ref _refusedFlows);
                continue;
            }

            Pass(flow.Up, buffer.AsSpan(0, length));
        }
    }

    private void ReceiveFromTarget(object? state)
    {
        var flow = (Flow)state!;
        var buffer = new byte[65536];
        while (!_stopping)
        {
            int length;
            try
            {
                length = flow.Back.Receive(buffer);
            }
            catch (SocketException) when (!_stopping)
            {
                // ICMP port unreachable from the target (not started yet, or gone): keep going.
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            Pass(flow.Down, buffer.AsSpan(0, length));
        }
    }

    /// <summary>Called only by the front thread, the only writer of <see cref="_flows"/>.</summary>
    private Flow? FindFlow(SocketAddress from)
    {
        var count = Volatile.Read(ref _flowCount);
        for (var i = 0; i < count; i++)
        {
            if (_flows[i]!.Address.Equals(from)) return _flows[i];
        }

        return null;
    }

    private Flow? AddFlow(SocketAddress from)
    {
        var index = Volatile.Read(ref _flowCount);
        if (index == _flows.Length || _stopping) return null;
        var address = new SocketAddress(from.Family, from.Size);
        from.Buffer.Span[..from.Size].CopyTo(address.Buffer.Span);
        var client = (IPEndPoint)LocalEndPoint.Create(address);
        var impairment = _classify(client);
        var back = new Socket(_target.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 << 20, SendBufferSize = 4 << 20 };
        back.Connect(_target);
        var flow = new Flow(address, client, impairment, back);
        flow.Up = new Lane(flow, upstream: true, impairment.Upstream, _queueCapacity, new Random(_seed + 2 * index));
        flow.Down = new Lane(flow, upstream: false, impairment.Downstream, _queueCapacity, new Random(_seed + 2 * index + 1));
        lock (_gate)
        {
            _lanes[_laneCount++] = flow.Up;
            _lanes[_laneCount++] = flow.Down;
        }

        flow.Thread = new Thread(ReceiveFromTarget) { IsBackground = true, Name = "impairment-back-" + index };
        _flows[index] = flow;
        Volatile.Write(ref _flowCount, index + 1);
        flow.Thread.Start(flow);
        return flow;
    }

    /// <summary>Loss, then either straight through (unimpaired) or into the lane's queue.</summary>
    private void Pass(Lane lane, ReadOnlySpan<byte> datagram)
    {
        var counters = lane.Counters;
        Interlocked.Increment(ref counters.ReceivedField);
        var impairment = lane.Impairment;
        if (impairment.Loss > 0 && lane.Random.NextDouble() < impairment.Loss)
        {
            Interlocked.Increment(ref counters.LostField);
            return;
        }

        if (lane.PassThrough)
        {
            Send(lane, datagram);
            return;
        }

        if (datagram.Length > SlotSize)
        {
            Interlocked.Increment(ref counters.OversizeField);
            return;
        }

        var now = Stopwatch.GetTimestamp();
        var jitter = impairment.Jitter > TimeSpan.Zero ? (lane.Random.NextDouble() * 2 - 1) * impairment.Jitter.TotalSeconds : 0;
        var due = now + (long)((impairment.Delay.TotalSeconds + jitter) * Stopwatch.Frequency);
        lock (_gate)
        {
            if (lane.Count == lane.Lengths.Length)
            {
                Interlocked.Increment(ref counters.QueueDroppedField);
                return;
            }

            // In order: never before the packet received ahead of this one.
            if (due < lane.LastDue) due = lane.LastDue;
            lane.LastDue = due;
            var slot = (lane.Head + lane.Count) % lane.Lengths.Length;
            datagram.CopyTo(lane.Slots[slot]);
            lane.Lengths[slot] = datagram.Length;
            lane.Due[slot] = due;
            lane.Count++;
            if (lane.Count > counters.MaxQueueDepthField) counters.MaxQueueDepthField = lane.Count;
            Monitor.Pulse(_gate);
        }
    }

    private void Send(Lane lane, ReadOnlySpan<byte> datagram)
    {
        try
        {
            if (lane.Upstream) lane.Flow.Back.Send(datagram);
            else _front.SendTo(datagram, SocketFlags.None, lane.Flow.Address);
            Interlocked.Increment(ref lane.Counters.SentField);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Interlocked.Increment(ref lane.Counters.SendErrorsField);
        }
    }

    /// <summary>The scheduler: sleeps until the earliest head of any queue is due, sends it, repeats.</summary>
    private void ReleaseDuePackets()
    {
        var scratch = new byte[SlotSize];
        while (true)
        {
            Lane? lane = null;
            var length = 0;
            lock (_gate)
            {
                while (lane is null)
                {
                    if (_stopping) return;
                    Lane? earliest = null;
                    long earliestDue = long.MaxValue;
                    for (var i = 0; i < _laneCount; i++)
                    {
                        var candidate = _lanes[i]!;
                        if (candidate.Count > 0 && candidate.Due[candidate.Head] < earliestDue)
                        {
                            earliest = candidate;
                            earliestDue = candidate.Due[candidate.Head];
                        }
                    }

                    if (earliest is null)
                    {
                        Monitor.Wait(_gate);
                        continue;
                    }

                    var wait = earliestDue - Stopwatch.GetTimestamp();
                    if (wait > 0)
                    {
                        // Monitor.Wait has millisecond resolution: round up, never release early.
                        Monitor.Wait(_gate, (int)Math.Min(int.MaxValue, (wait * 1000 + Stopwatch.Frequency - 1) / Stopwatch.Frequency));
                        continue;
                    }

                    lane = earliest;
                    length = lane.Lengths[lane.Head];
                    lane.Slots[lane.Head].AsSpan(0, length).CopyTo(scratch);
                    lane.Head = (lane.Head + 1) % lane.Lengths.Length;
                    lane.Count--;
                }
            }

            Send(lane, scratch.AsSpan(0, length));
        }
    }

    private sealed class Flow(SocketAddress address, IPEndPoint client, LegImpairment impairment, Socket back)
    {
        public SocketAddress Address { get; } = address;
        public IPEndPoint Client { get; } = client;
        public LegImpairment Impairment { get; } = impairment;
        public Socket Back { get; } = back;
        public Lane Up { get; set; } = null!;
        public Lane Down { get; set; } = null!;
        public Thread Thread { get; set; } = null!;
    }

    private sealed class Lane
    {
        public Lane(Flow flow, bool upstream, LinkImpairment impairment, int capacity, Random random)
        {
            Flow = flow;
            Upstream = upstream;
            Impairment = impairment;
            Random = random;
            PassThrough = impairment.Delay <= TimeSpan.Zero && impairment.Jitter <= TimeSpan.Zero;
            // An unimpaired direction never queues: no slots for it.
            var slots = PassThrough ? 0 : capacity;
            Slots = new byte[slots][];
            for (var i = 0; i < slots; i++) Slots[i] = new byte[SlotSize];
            Lengths = new int[slots];
            Due = new long[slots];
        }

        public Flow Flow { get; }
        public bool Upstream { get; }
        public LinkImpairment Impairment { get; }
        public Random Random { get; }
        public bool PassThrough { get; }
        public LaneCounters Counters { get; } = new();
        public byte[][] Slots { get; }
        public int[] Lengths { get; }
        public long[] Due { get; }
        public int Head { get; set; }
        public int Count { get; set; }
        public long LastDue { get; set; }
    }
}

/// <summary>One client of the <see cref="ImpairmentRelay"/>: its leg's impairment and what happened to its packets.</summary>
public sealed record ImpairedFlow(IPEndPoint Client, LegImpairment Impairment, LaneCounters Upstream, LaneCounters Downstream);

/// <summary>Per client and direction; read while the relay runs.</summary>
public sealed class LaneCounters
{
#pragma warning disable CA1051 // Interlocked needs the fields; they are read through the properties.
    internal long ReceivedField;
    internal long LostField;
    internal long QueueDroppedField;
    internal long OversizeField;
    internal long SentField;
    internal long SendErrorsField;
    internal int MaxQueueDepthField;
#pragma warning restore CA1051

    public long Received => Interlocked.Read(ref ReceivedField);
    public long Lost => Interlocked.Read(ref LostField);
    public long QueueDropped => Interlocked.Read(ref QueueDroppedField);
    public long Oversize => Interlocked.Read(ref OversizeField);
    public long Sent => Interlocked.Read(ref SentField);
    public long SendErrors => Interlocked.Read(ref SendErrorsField);
    public int MaxQueueDepth => Volatile.Read(ref MaxQueueDepthField);

    public override string ToString() => $"received {Received}, lost {Lost}, queue-dropped {QueueDropped}, sent {Sent}, max queue {MaxQueueDepth}";
}
