using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Classroom.Contracts;
using Classroom.Hub.Hubs;
using Classroom.Hub.Protocol;
using Classroom.Server.Tests.Pages;
using Classroom.Server.Tests.Scheduler;

namespace Classroom.Server.Tests.Hosting;

/// <summary>
/// The web pages' TypeScript types (web/src/generated/, docs/web-types.md) are what the server
/// serves: the OpenAPI document of the real server (all roles) and the lesson hub's contract (its
/// methods and DTO records, by reflection) are run through web/scripts/gen-types.mjs and compared
/// with the committed files. With CLASSROOM_WRITE_GENERATED=1 the test rewrites them instead.
/// </summary>
public sealed class GeneratedTypesTests : IDisposable
{
    public const string RegenerateCommand =
        "CLASSROOM_WRITE_GENERATED=1 unshare -n bash -c 'ip link set lo up; dotnet test tests/Server/Classroom.Server.Tests -c Release --filter FullyQualifiedName~GeneratedTypesTests'";

    private static readonly string Generated = Path.Combine(PageBrowser.RepoRoot, "web", "src", "generated");
    private readonly SchedulerHost _host = new(seedDemo: false, roles: "scheduler,hub,relay");
    private readonly string _work = Directory.CreateTempSubdirectory("classroom-gen-types-").FullName;

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task The_committed_web_types_are_generated_from_the_served_OpenAPI_document_and_the_hub_contract()
    {
        using var client = _host.CreateClient();
        var openApi = Path.Combine(_work, "openapi.json");
        await File.WriteAllTextAsync(openApi, await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var hub = Path.Combine(_work, "hub-contract.json");
        await File.WriteAllTextAsync(hub, HubContract().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        var write = Environment.GetEnvironmentVariable("CLASSROOM_WRITE_GENERATED") == "1";
        var outDir = write ? Generated : Path.Combine(_work, "out");
        await RunNodeAsync(Path.Combine(PageBrowser.RepoRoot, "web", "scripts", "gen-types.mjs"), "--openapi", openApi, "--hub", hub, "--out", outDir);
        if (write) return;

        var drift = new List<string>();
        foreach (var file in new[] { "api.ts", "hub.ts" })
        {
            var committed = Path.Combine(Generated, file);
            var fresh = await File.ReadAllTextAsync(Path.Combine(outDir, file));
            if (!File.Exists(committed)) { drift.Add($"web/src/generated/{file} is missing"); continue; }
            var old = await File.ReadAllTextAsync(committed);
            if (old != fresh) drift.Add($"web/src/generated/{file} differs from what the server serves: {FirstDifference(old, fresh)}");
        }

        Assert.True(drift.Count == 0,
            "The web's generated types have drifted from the server (docs/web-types.md):\n" + string.Join("\n", drift) +
            "\nRegenerate them with:\n  " + RegenerateCommand + "\nthen fix what the TypeScript build (bash scripts/build-web.sh) reports, and commit web/src/generated/.");
    }

    [Fact]
    public void The_hub_contract_lists_every_hub_method_and_client_event_with_camel_case_fields()
    {
        var contract = HubContract();
        var server = contract["serverMethods"]!.AsArray().Select(m => (string)m!["name"]!).ToList();
        var events = contract["clientMethods"]!.AsArray().Select(m => (string)m!["name"]!).ToList();
        Assert.Contains("CheckIn", server);
        Assert.Contains("GetLessonState", server);
        Assert.DoesNotContain("OnConnectedAsync", server);
        Assert.Contains("Resync", events);
        var checkIn = contract["schemas"]!["CheckInInput"]!;
        Assert.Equal("string", (string)checkIn["properties"]!["lessonId"]!["type"]!);
        Assert.Equal("uuid", (string)checkIn["properties"]!["id"]!["format"]!);
        var room = contract["schemas"]!["RoomView"]!["properties"]!;
        Assert.Equal(["integer", "null"], room["sinceMs"]!["type"]!.AsArray().Select(t => (string)t!));
    }

    /// <summary>
    /// The lesson hub's contract as JSON-schema-like JSON: the hub's public methods (what clients
    /// invoke), <see cref="ILessonClient"/>'s methods (what the hub sends), and every record they
    /// carry, with the SignalR JSON protocol's camelCase names.
    /// </summary>
    public static JsonObject HubContract()
    {
        var schemas = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        var nullability = new NullabilityInfoContext();
        var server = typeof(LessonHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && !m.Name.StartsWith("On", StringComparison.Ordinal) && m.Name != nameof(IDisposable.Dispose))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .Select(m => Method(m, schemas, nullability))
            .ToList();
        var clientMethods = typeof(ILessonClient).GetMethods().OrderBy(m => m.Name, StringComparer.Ordinal).Select(m => Method(m, schemas, nullability)).ToList();
        var schemaObject = new JsonObject();
        foreach (var (name, schema) in schemas) schemaObject[name] = schema;
        return new JsonObject
        {
            ["hub"] = typeof(LessonHub).FullName,
            ["path"] = Routes.HubPath,
            ["serverMethods"] = new JsonArray([.. server]),
            ["clientMethods"] = new JsonArray([.. clientMethods]),
            ["schemas"] = schemaObject,
        };
    }

    private static JsonObject Method(MethodInfo method, SortedDictionary<string, JsonObject> schemas, NullabilityInfoContext nullability)
    {
        var parameters = new JsonArray();
        foreach (var p in method.GetParameters())
            parameters.Add(new JsonObject { ["name"] = p.Name, ["schema"] = Schema(p.ParameterType, nullability.Create(p), schemas, nullability) });
        var result = new JsonObject { ["name"] = method.Name, ["parameters"] = parameters };
        var returns = method.ReturnType;
        if (returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>))
        {
            var info = nullability.Create(method.ReturnParameter);
            result["returns"] = Schema(returns.GetGenericArguments()[0], info.GenericTypeArguments[0], schemas, nullability);
        }

        return result;
    }

    private static JsonObject Schema(Type type, NullabilityInfo? info, SortedDictionary<string, JsonObject> schemas, NullabilityInfoContext nullability)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        var nullable = underlying is not null || (info is not null && !type.IsValueType && info.ReadState == NullabilityState.Nullable);
        type = underlying ?? type;
        JsonObject schema;
        if (type == typeof(string)) schema = Typed("string");
        else if (type == typeof(Guid)) schema = Typed("string", "uuid");
        else if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) schema = Typed("string", "date-time");
        else if (type == typeof(bool)) schema = Typed("boolean");
        else if (type == typeof(int) || type == typeof(long) || type == typeof(short)) schema = Typed("integer", type == typeof(long) ? "int64" : "int32");
        else if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) schema = Typed("number");
        else if (ElementType(type) is { } element)
        {
            var elementInfo = info?.ElementType ?? (info?.GenericTypeArguments.Length == 1 ? info.GenericTypeArguments[0] : null);
            schema = new JsonObject { ["type"] = "array", ["items"] = Schema(element, elementInfo, schemas, nullability) };
        }
        else if (type.IsClass && type.Namespace?.StartsWith("Classroom.", StringComparison.Ordinal) == true)
        {
            if (!schemas.ContainsKey(type.Name))
            {
                var record = new JsonObject { ["type"] = "object" };
                schemas[type.Name] = record; // before the properties: a record may refer to itself
                var properties = new JsonObject();
                var required = new JsonArray();
                foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != "EqualityContract"))
                {
                    var name = JsonNamingPolicy.CamelCase.ConvertName(p.Name);
                    properties[name] = Schema(p.PropertyType, nullability.Create(p), schemas, nullability);
                    required.Add(name);
                }

                record["properties"] = properties;
                record["required"] = required;
            }

            schema = new JsonObject { ["$ref"] = "#/components/schemas/" + type.Name };
            if (nullable) schema = new JsonObject { ["anyOf"] = new JsonArray(schema, Typed("null")) };
            return schema;
        }
        else
        {
            throw new NotSupportedException($"The hub contract generator does not map {type} yet (GeneratedTypesTests.Schema).");
        }

        if (nullable) schema["type"] = new JsonArray((string)schema["type"]!, "null");
        return schema;
    }

    private static JsonObject Typed(string type, string? format = null)
    {
        var schema = new JsonObject { ["type"] = type };
        if (format is not null) schema["format"] = format;
        return schema;
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray) return type.GetElementType();
        if (!type.IsGenericType) return null;
        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(IReadOnlyList<>) || definition == typeof(List<>) || definition == typeof(IEnumerable<>) ||
               definition == typeof(IReadOnlyCollection<>) || definition == typeof(IList<>)
            ? type.GetGenericArguments()[0]
            : null;
    }

    private static string FirstDifference(string committed, string fresh)
    {
        var a = committed.Split('\n');
        var b = fresh.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "(end of file)";
            var right = i < b.Length ? b[i] : "(end of file)";
            if (left != right) return $"line {i + 1}: committed `{left.Trim()}`, served `{right.Trim()}`";
        }

        return "(line endings)";
    }

    private static async Task RunNodeAsync(params string[] args)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node (Node.js 20+) is required to generate the web types; it builds the web pages too.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"node {string.Join(' ', args)} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
    }
}
