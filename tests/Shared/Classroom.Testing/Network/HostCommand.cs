using System.Diagnostics;

namespace Classroom.Testing.Network;

/// <summary>Runs ip / nft / tc for the network helpers: bounded in time, fails loudly with stderr.</summary>
public static class HostCommand
{
    public static async Task<string> RunAsync(string file, IEnumerable<string> args, string? stdin = null, bool check = true)
    {
        ArgumentNullException.ThrowIfNull(args);
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + file);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', info.ArgumentList)} did not finish in 20 s");
        }

        var output = await stdout;
        var error = await stderr;
        if (check && process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', info.ArgumentList)} exited {process.ExitCode}: {error.Trim()}");
        return output;
    }

    public static Task<string> RunAsync(string file, params string[] args) => RunAsync(file, (IEnumerable<string>)args);
}
