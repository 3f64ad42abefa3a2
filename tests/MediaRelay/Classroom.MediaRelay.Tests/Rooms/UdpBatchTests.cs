using System.Net;
using System.Net.Sockets;
using Classroom.MediaRelay.Transport;

namespace Classroom.MediaRelay.Tests.Rooms;

public sealed class UdpBatchTests
{
    [Fact]
    public void The_message_header_matches_the_kernels_struct_mmsghdr() =>
        Assert.Equal(64, UdpBatch.MessageHeaderSize);

    [Fact]
    public void A_batch_delivers_every_datagram_to_its_own_address_in_order_with_few_system_calls()
    {
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sender.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var receivers = Enumerable.Range(0, 3).Select(_ =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 2000, ReceiveBufferSize = 1 << 20 };
            s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return s;
        }).ToArray();
        try
        {
            var counters = new RelayCounters();
            using var batch = new UdpBatch(counters);
            const int PerReceiver = 100;
            for (var i = 0; i < PerReceiver; i++)
            {
                foreach (var (receiver, index) in receivers.Select((r, k) => (r, k)))
                {
                    var slot = batch.Acquire(sender);
                    slot[0] = (byte)index;
                    BitConverter.TryWriteBytes(slot[1..], i);
                    batch.Commit(receiver.LocalEndPoint!.Serialize(), 1 + sizeof(int) + 100);
                }
            }

            batch.Flush();
            Assert.Equal(3 * PerReceiver, batch.Sent);
            Assert.True(batch.Calls <= (3 * PerReceiver / UdpBatch.Capacity) + 1, $"{batch.Calls} calls");
            Assert.Equal(0, counters.Dropped);

            var buffer = new byte[2048];
            foreach (var (receiver, index) in receivers.Select((r, k) => (r, k)))
            {
                for (var i = 0; i < PerReceiver; i++)
                {
                    var n = receiver.Receive(buffer);
                    Assert.Equal(105, n);
                    Assert.Equal(index, buffer[0]);
                    Assert.Equal(i, BitConverter.ToInt32(buffer, 1));
                }
            }
        }
        finally
        {
            foreach (var r in receivers) r.Dispose();
        }
    }
}
