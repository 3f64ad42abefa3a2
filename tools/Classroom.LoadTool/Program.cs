using Classroom.LoadTool.Cli;

namespace Classroom.LoadTool;

/// <summary>classroom-load: players against our relay or Janus, and the sendto baseline. See docs/load-tool.md.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        try
        {
            var rest = new ArgReader(args.Skip(1).ToArray());
            return args.FirstOrDefault() switch
            {
                "relay" => await RelayCommand.RunAsync(rest, cancel.Token).ConfigureAwait(false),
                "janus" => await JanusCommand.RunAsync(rest, cancel.Token).ConfigureAwait(false),
                "sendto-baseline" => await BaselineCommand.RunAsync(rest).ConfigureAwait(false),
                "wall" => await WallCommand.RunAsync(rest, cancel.Token).ConfigureAwait(false),
                _ => Usage(),
            };
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync("classroom-load: " + e.Message).ConfigureAwait(false);
            return Usage();
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("classroom-load: interrupted, no report").ConfigureAwait(false);
            return 130;
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
        {
            // The publisher could not connect (WHIP refused, no ICE/DTLS): nothing to measure.
            await Console.Error.WriteLineAsync("classroom-load: " + e.Message).ConfigureAwait(false);
            return 1;
        }
    }

    private static int Usage()
    {
        Console.Error.Write("usage:\n" + RelayCommand.Help + JanusCommand.Help + "common options:\n" + CommonOptions.Help + BaselineCommand.Help + WallCommand.Help);
        return 64;
    }
}
