using System.Collections.Concurrent;
using Classroom.Hub.Protocol;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Classroom.Hub.Tests.Support;

/// <summary>A real SignalR .NET client that records every server-to-client call it receives.</summary>
public sealed class TestClient : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Method, object? Arg)> _events = new();
    private readonly SemaphoreSlim _signal = new(0);

    public TestClient(HubConnection connection)
    {
        Connection = connection;
        Record<QuestionView>(nameof(ILessonClient.QuestionAsked));
        Record<QuestionView>(nameof(ILessonClient.QuestionUpdated));
        Record<CheckInView>(nameof(ILessonClient.CheckedIn));
        Record<AbsenteeView>(nameof(ILessonClient.AbsenteeMarked));
        Record<StageView>(nameof(ILessonClient.StageChanged));
        Record<StageGrantView>(nameof(ILessonClient.StageGranted));
        Record<long>(nameof(ILessonClient.StageRevoked));
        Record<QuizView>(nameof(ILessonClient.QuizOpened));
        Record<Guid>(nameof(ILessonClient.QuizClosed));
        Record<QuizAnswerView>(nameof(ILessonClient.QuizAnswered));
        Record<PresenceView>(nameof(ILessonClient.PresenceChanged));
        connection.On(nameof(ILessonClient.Resync), () => Add(nameof(ILessonClient.Resync), null));
    }

    public HubConnection Connection { get; }

    public IEnumerable<(string Method, object? Arg)> Events => _events;

    public IEnumerable<T> Received<T>(string method) => _events.Where(e => e.Method == method).Select(e => (T)e.Arg!);

    /// <summary>Waits (bounded) until a matching call arrived.</summary>
    public async Task<T> WaitForAsync<T>(string method, Func<T, bool>? match = null, int timeoutMs = 10_000)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        while (true)
        {
            foreach (var e in _events)
                if (e.Method == method && e.Arg is T t && (match is null || match(t))) return t;
            try
            {
                await _signal.WaitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no {method} within {timeoutMs} ms; got: {string.Join(", ", _events.Select(x => x.Method))}");
            }
        }
    }

    /// <summary>
    /// Starts a connection the hub is expected to refuse: admission runs in OnConnectedAsync, after
    /// the handshake, so the refusal arrives as the close error (or as a failed start). Returns the error code.
    /// </summary>
    public async Task<string> RefusalAsync(int timeoutMs = 10_000)
    {
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Connection.Closed += e => { closed.TrySetResult(e); return Task.CompletedTask; };
        try
        {
            await Connection.StartAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return ErrorCode(e.Message);
        }

        var error = await closed.Task.WaitAsync(TimeSpan.FromMilliseconds(timeoutMs)).ConfigureAwait(false);
        return error is null ? "closed-without-error" : ErrorCode(error.Message);
    }

    /// <summary>Waits (bounded) until any call of one of the methods arrived; returns its name.</summary>
    public async Task<string> WaitForAnyAsync(Func<(string Method, object? Arg), bool> match, int timeoutMs)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        while (true)
        {
            foreach (var e in _events)
                if (match(e)) return e.Method;
            try
            {
                await _signal.WaitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"nothing matching within {timeoutMs} ms; got: {string.Join(", ", _events.Select(x => x.Method))}");
            }
        }
    }

    public Task<T> Call<T>(string method, object arg) => Connection.InvokeAsync<T>(method, arg);

    /// <summary>Invokes and returns the typed error code ("forbidden", ...) of the HubException.</summary>
    public async Task<string> ErrorOf(string method, params object?[] args)
    {
        try
        {
            await Connection.InvokeCoreAsync<object?>(method, args).ConfigureAwait(false);
        }
        catch (HubException e)
        {
            return ErrorCode(e.Message);
        }

        return "ok";
    }

    /// <summary>SignalR wraps the server's HubException as "… HubException: code: detail"; the code is the word after it.</summary>
    public static string ErrorCode(string message)
    {
        const string marker = "HubException: ";
        var at = message.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) return "unexpected";
        var rest = message[(at + marker.Length)..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? rest[..colon] : rest;
    }

    private void Record<T>(string method) => Connection.On<T>(method, arg => Add(method, arg));

    private void Add(string method, object? arg)
    {
        _events.Enqueue((method, arg));
        _signal.Release();
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync().ConfigureAwait(false);
        _signal.Dispose();
    }
}
