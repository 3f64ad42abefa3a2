using Microsoft.AspNetCore.SignalR.Client;

namespace Classroom.Hub.Tests.Support;

/// <summary>Reconnect every half second, never give up (a classroom PC stays in its lesson).</summary>
public sealed class ForeverRetry : IRetryPolicy
{
    public TimeSpan? NextRetryDelay(RetryContext retryContext) => TimeSpan.FromMilliseconds(500 + Random.Shared.Next(500));
}
