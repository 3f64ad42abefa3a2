using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Classroom.MediaRelay.Dtls;

/// <summary>
/// Runs BouncyCastle's blocking DTLS handshakes on dedicated workers, at most
/// <c>maxConcurrent</c> at once; further sessions wait asynchronously (no thread held). A worker is
/// held only for the handshake (bounded by the handshake timeout), never for the session's life.
/// </summary>
public sealed class DtlsHandshaker : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly BcTlsCrypto _crypto = new(new SecureRandom());
    private readonly int _timeoutMillis;

    public DtlsHandshaker(DtlsCertificate certificate, int maxConcurrent, TimeSpan timeout)
    {
        Certificate = certificate;
        _slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        _timeoutMillis = (int)timeout.TotalMilliseconds;
    }

    public DtlsCertificate Certificate { get; }

    /// <summary>Server role (the relay is DTLS server towards browsers: SDP answer a=setup:passive).</summary>
    internal Task<DtlsChannel?> AcceptAsync(QueuedDatagramTransport transport, string? expectedFingerprint, CancellationToken cancellationToken) =>
        RunAsync(() =>
        {
            var server = new RelayDtlsServer(_crypto, Certificate, expectedFingerprint, _timeoutMillis);
            var protocol = new DtlsServerProtocol { VerifyRequests = false };
            var dtls = protocol.Accept(server, transport);
            return server.Outcome is { } outcome ? new DtlsChannel(dtls, outcome) : null;
        }, cancellationToken);

    /// <summary>Client role (a=setup:active): tests, load tool, relay-to-relay.</summary>
    internal Task<DtlsChannel?> ConnectAsync(QueuedDatagramTransport transport, string? expectedFingerprint, int[] profiles, CancellationToken cancellationToken) =>
        RunAsync(() =>
        {
            var client = new RelayDtlsClient(_crypto, Certificate, expectedFingerprint, _timeoutMillis, profiles);
            var dtls = new DtlsClientProtocol().Connect(client, transport);
            return client.Outcome is { } outcome ? new DtlsChannel(dtls, outcome) : null;
        }, cancellationToken);

    private async Task<DtlsChannel?> RunAsync(Func<DtlsChannel?> handshake, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Factory.StartNew(() =>
            {
                try
                {
                    return handshake();
                }
                catch (Exception e) when (e is TlsException or IOException or ObjectDisposedException or InvalidOperationException)
                {
                    // Fingerprint mismatch (bad_certificate), timeout, peer alert or a closed
                    // transport: the caller closes the session.
                    return null;
                }
            }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
