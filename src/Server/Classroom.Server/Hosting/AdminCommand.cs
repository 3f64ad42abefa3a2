using Classroom.Contracts.Access;
using Classroom.Identity;
using Classroom.Identity.Store;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Server.Hosting;

/// <summary>
/// <c>classroom admin create &lt;name&gt; [--data DIR]</c>: creates a district admin on the server's
/// own data folder and prints a one-time enrolment link (the way in for the first person; nothing
/// is trusted for where a request comes from).
/// </summary>
internal static class AdminCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 3 || args[1] != "create" || args[2].StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("usage: classroom admin create <user-name> [--data <folder>] [--display-name <name>]");
            return 2;
        }

        var userName = args[2];
        var rest = args.Skip(3).ToArray();
        var builder = WebApplication.CreateBuilder(rest);
        builder.Logging.ClearProviders();
        var (options, _) = builder.AddClassroomHosting(rest);
        builder.Services.AddClassroomIdentity(builder.Configuration, options.DataFolder);
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountDbContext>();
        await AccountStore.MigrateAsync(db, CancellationToken.None);
        var display = builder.Configuration["display-name"] ?? userName;
        var (created, result) = await scope.ServiceProvider.GetRequiredService<Accounts>()
            .CreateAsync(userName, display, [new Grant(AccountRole.DistrictAdmin)], password: null, CancellationToken.None);
        if (created is null)
        {
            await Console.Error.WriteLineAsync("Could not create the account: " + string.Join(" ", result.Errors.Select(e => e.Description)));
            return 1;
        }

        await Console.Out.WriteLineAsync($"District admin '{userName}' created. Open this link once to choose a password (valid {app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AccountOptions>>().Value.EnrolmentLinkHours} h):");
        await Console.Out.WriteLineAsync(created.EnrolmentLink);
        return 0;
    }
}
