using Classroom.MediaRelay.Dtls;
using Classroom.MediaRelay.Transport;

namespace Classroom.MediaRelay.Sessions;

/// <summary>Relay-wide services every session uses.</summary>
internal sealed record SessionContext(DtlsHandshaker Handshaker, TimeProvider Time, RelayCounters Counters);
