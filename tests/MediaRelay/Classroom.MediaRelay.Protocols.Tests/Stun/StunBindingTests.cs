using System.Net;
using System.Text;
using Classroom.MediaRelay.Protocols.Stun;
using FsCheck.Xunit;

namespace Classroom.MediaRelay.Protocols.Tests.Stun;

public class StunBindingTests
{
    private static readonly byte[] TransactionId = Hex.Parse("0102030405060708090a0b0c");

    [Fact]
    public void Request_written_by_a_client_reads_back_with_every_ICE_attribute()
    {
        var buffer = new byte[256];
        int length = StunBinding.WriteRequest(buffer, new StunBindingRequest
        {
            TransactionId = TransactionId,
            Username = "relayUfrag:browserUfrag",
            Password = "relay-password-22chars"u8,
            Priority = 1_853_817_087,
            Controlling = true,
            TieBreaker = 0x0102030405060708,
            UseCandidate = true,
        });

        Assert.True(StunMessageReader.TryRead(buffer.AsSpan(0, length), out StunMessage message));
        Assert.Equal(StunMessageType.BindingRequest, message.Type);
        Assert.True(message.TryGetUsername(out ReadOnlySpan<byte> username));
        Assert.Equal("relayUfrag:browserUfrag", Encoding.UTF8.GetString(username));
        Assert.True(message.TryGetPriority(out uint priority));
        Assert.Equal(1_853_817_087u, priority);
        Assert.True(message.TryGetIceControlling(out ulong tieBreaker));
        Assert.Equal(0x0102030405060708ul, tieBreaker);
        Assert.True(message.HasUseCandidate);
        Assert.True(StunIntegrity.VerifyMessageIntegrity(message, "relay-password-22chars"u8));
        Assert.True(StunIntegrity.VerifyFingerprint(message));
    }

    [Theory]
    [InlineData("203.0.113.7", 50000)]
    [InlineData("2001:db8::1", 3478)]
    [InlineData("::ffff:10.0.0.1", 1)] // dual-stack sockets report IPv4 as mapped IPv6
    public void Success_response_carries_the_source_address(string address, int port)
    {
        var buffer = new byte[128];
        var source = new IPEndPoint(IPAddress.Parse(address), port);
        int length = StunBinding.WriteSuccessResponse(buffer, TransactionId, source, "pw"u8);

        Assert.True(StunMessageReader.TryRead(buffer.AsSpan(0, length), out StunMessage message));
        Assert.Equal(StunMessageType.BindingSuccessResponse, message.Type);
        Assert.True(message.TryGetXorMappedAddress(out IPEndPoint? mapped));
        IPAddress expected = source.Address.IsIPv4MappedToIPv6 ? source.Address.MapToIPv4() : source.Address;
        Assert.Equal(new IPEndPoint(expected, port), mapped);
        Assert.True(StunIntegrity.VerifyMessageIntegrity(message, "pw"u8));
        Assert.True(StunIntegrity.VerifyFingerprint(message));
    }

    [Fact]
    public void Error_response_carries_code_and_reason()
    {
        var buffer = new byte[128];
        int length = StunBinding.WriteErrorResponse(buffer, TransactionId, 487, "Role Conflict", "pw"u8);
        Assert.True(StunMessageReader.TryRead(buffer.AsSpan(0, length), out StunMessage message));
        Assert.Equal(StunMessageType.BindingErrorResponse, message.Type);
        Assert.True(message.TryGetErrorCode(out int code, out ReadOnlySpan<byte> reason));
        Assert.Equal(487, code);
        Assert.Equal("Role Conflict", Encoding.UTF8.GetString(reason));
        Assert.True(StunIntegrity.VerifyMessageIntegrity(message, "pw"u8));

        length = StunBinding.WriteErrorResponse(buffer, TransactionId, 401, "Unauthorized", default);
        Assert.True(StunMessageReader.TryRead(buffer.AsSpan(0, length), out message));
        Assert.False(message.HasMessageIntegrity);
        Assert.True(StunIntegrity.VerifyFingerprint(message));
    }

    [Fact]
    public void Writer_refuses_a_destination_too_small()
    {
        var buffer = new byte[40];
        Assert.Throws<ArgumentException>(() => StunBinding.WriteSuccessResponse(buffer, TransactionId, new IPEndPoint(IPAddress.Loopback, 1), "pw"u8));
    }

    [Theory]
    [InlineData("")]
    [InlineData("000100002112a442b7e7a701bc34d686fa87df")] // 19 bytes
    [InlineData("000100002112a443b7e7a701bc34d686fa87dfae")] // wrong cookie
    [InlineData("c00100002112a442b7e7a701bc34d686fa87dfae")] // top bits set
    [InlineData("000100022112a442b7e7a701bc34d686fa87dfae0000")] // length not a multiple of 4
    [InlineData("000100082112a442b7e7a701bc34d686fa87dfae00060004")] // length past the end
    [InlineData("000100082112a442b7e7a701bc34d686fa87dfae0006000861626364")] // attribute past the end
    [InlineData("0001000c2112a442b7e7a701bc34d686fa87dfae80280004000000000006000161000000")] // attribute after FINGERPRINT
    public void Malformed_messages_are_refused(string hex)
    {
        Assert.False(StunMessageReader.TryRead(Hex.Parse(hex), out _));
    }

    [Property(MaxTest = 200)]
    public bool Username_and_priority_round_trip(string username, uint priority, ulong tieBreaker, bool useCandidate)
    {
        username ??= string.Empty;
        if (Encoding.UTF8.GetByteCount(username) > 500)
        {
            return true;
        }

        var buffer = new byte[1024];
        int length = StunBinding.WriteRequest(buffer, new StunBindingRequest
        {
            TransactionId = TransactionId,
            Username = username,
            Password = "k"u8,
            Priority = priority,
            Controlling = false,
            TieBreaker = tieBreaker,
            UseCandidate = useCandidate,
        });
        return StunMessageReader.TryRead(buffer.AsSpan(0, length), out StunMessage message)
            && message.TryGetUsername(out ReadOnlySpan<byte> read) && read.SequenceEqual(Encoding.UTF8.GetBytes(username))
            && message.TryGetPriority(out uint p) && p == priority
            && message.TryGetIceControlled(out ulong t) && t == tieBreaker
            && message.HasUseCandidate == useCandidate
            && StunIntegrity.VerifyMessageIntegrity(message, "k"u8)
            && StunIntegrity.VerifyFingerprint(message);
    }

    [Property(MaxTest = 500)]
    public void Random_bytes_never_throw(byte[] data)
    {
        data ??= [];
        if (StunMessageReader.TryRead(data, out StunMessage message))
        {
            foreach (StunAttribute attribute in message.Attributes)
            {
                _ = attribute.Value.Length;
            }

            _ = message.TryGetXorMappedAddress(out _);
            _ = message.TryGetErrorCode(out _, out _);
            _ = StunIntegrity.VerifyMessageIntegrity(message, "k"u8);
            _ = StunIntegrity.VerifyFingerprint(message);
        }
    }

    [Property(MaxTest = 500)]
    public void Random_attributes_after_a_valid_header_never_throw(byte[] body)
    {
        body ??= [];
        int length = body.Length & ~3;
        var data = new byte[20 + length];
        data[0] = 0; data[1] = 1; data[2] = (byte)(length >> 8); data[3] = (byte)length;
        data[4] = 0x21; data[5] = 0x12; data[6] = 0xA4; data[7] = 0x42;
        Array.Copy(body, 0, data, 20, length);
        Random_bytes_never_throw(data);
    }
}
