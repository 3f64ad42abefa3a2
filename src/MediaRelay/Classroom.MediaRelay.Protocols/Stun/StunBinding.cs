using System.Net;

namespace Classroom.MediaRelay.Protocols.Stun;

/// <summary>
/// The three Binding messages an ICE-lite endpoint and its test clients exchange
/// (RFC 8445 §7.2.2 requests, §7.3.1.1 responses), each ending in MESSAGE-INTEGRITY + FINGERPRINT.
/// </summary>
public static class StunBinding
{
    /// <summary>
    /// Success response to a check: XOR-MAPPED-ADDRESS of the request's source, integrity keyed with
    /// the local (relay) password, since the response is authenticated with the callee's credentials.
    /// </summary>
    public static int WriteSuccessResponse(Span<byte> destination, ReadOnlySpan<byte> transactionId, IPEndPoint mappedAddress, ReadOnlySpan<byte> localPassword)
    {
        var writer = new StunMessageWriter(destination, StunMessageType.BindingSuccessResponse, transactionId);
        writer.AddXorMappedAddress(mappedAddress);
        writer.AddMessageIntegrity(localPassword);
        writer.AddFingerprint();
        return writer.Length;
    }

    /// <summary>
    /// Error response (RFC 8489 §6.3.1.1). Integrity is added when a key is given: a 401 for a bad
    /// USERNAME has no key to use, a 487 Role Conflict does.
    /// </summary>
    public static int WriteErrorResponse(Span<byte> destination, ReadOnlySpan<byte> transactionId, int code, string reason, ReadOnlySpan<byte> localPassword)
    {
        var writer = new StunMessageWriter(destination, StunMessageType.BindingErrorResponse, transactionId);
        writer.AddErrorCode(code, reason);
        if (!localPassword.IsEmpty)
        {
            writer.AddMessageIntegrity(localPassword);
        }

        writer.AddFingerprint();
        return writer.Length;
    }

    /// <summary>
    /// Connectivity check as a full ICE agent sends it (used by tests and the load tool):
    /// USERNAME "remoteUfrag:localUfrag", PRIORITY, ICE-CONTROLLING or -CONTROLLED, optional
    /// USE-CANDIDATE, integrity keyed with the remote (callee's) password.
    /// </summary>
    public static int WriteRequest(Span<byte> destination, in StunBindingRequest request)
    {
        var writer = new StunMessageWriter(destination, StunMessageType.BindingRequest, request.TransactionId);
        writer.AddUsername(request.Username);
        writer.AddPriority(request.Priority);
        if (request.Controlling)
        {
            writer.AddIceControlling(request.TieBreaker);
        }
        else
        {
            writer.AddIceControlled(request.TieBreaker);
        }

        if (request.UseCandidate)
        {
            writer.AddUseCandidate();
        }

        writer.AddMessageIntegrity(request.Password);
        writer.AddFingerprint();
        return writer.Length;
    }
}
