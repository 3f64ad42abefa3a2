namespace Classroom.Hub.Protocol;

/// <summary>
/// The return value of every record-writing call: sent only after the record is durably stored.
/// Duplicate=true means this id was already stored (a resend); the client drops it from its outbox either way.
/// </summary>
public sealed record RecordAck(Guid Id, bool Duplicate, long StoredAtMs);
