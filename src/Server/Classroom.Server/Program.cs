using Classroom.Contracts.Access;
using Classroom.Identity;
using Classroom.Scheduler;
using Classroom.Server.Hosting;

// `classroom admin create <name>`: the first district admin, with a one-time enrolment link.
if (args.Length >= 1 && args[0] == "admin") return await AdminCommand.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
var (options, roles) = builder.AddClassroomHosting(args);
builder.AddClassroomHardening();

// Each role registers itself; the roles never reference one another (ARCHITECTURE.md).
// ROLE-REGISTRATION (keep one line per role)
if (roles.Identity) builder.Services.AddClassroomIdentity(builder.Configuration, options.DataFolder);
if (roles.Hub) Classroom.Hub.HubServiceCollectionExtensions.AddLessonHub(builder.Services, builder.Configuration, options.DataFolder);
if (roles.Scheduler) builder.Services.AddScheduler(builder.Configuration, options.DataFolder, options.SeedDemo);
if (roles.Scheduler) builder.Services.AddSingleton<Classroom.Contracts.Lessons.ILessonRosterSource, Classroom.Server.Hosting.SchedulerLessonRosters>();
if (roles.Relay) Classroom.MediaRelay.MediaRelayExtensions.AddMediaRelay(builder.Services, builder.Configuration, options.DataFolder);
if (roles.Relay) builder.AddManagementListener();
if (roles.Identity && roles.Scheduler && options.SeedDemo) builder.Services.AddHostedService<DemoAccounts>();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseClassroomHardening();
app.UseMovedPages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseRouting();
if (roles.Identity) app.UseClassroomAccess();
app.UseClassroomRateLimits();
app.MapOpenApi().WithMetadata(new PublicEndpoint("the API description"));
app.MapClassroomHealth().WithMetadata(new PublicEndpoint("health probe"));

// ROLE-ENDPOINTS (keep one line per role)
if (roles.Identity) app.MapClassroomIdentity();
if (roles.Hub) Classroom.Hub.HubEndpointExtensions.MapLessonHub(app);
if (roles.Scheduler) app.MapScheduler();
if (roles.Relay) Classroom.MediaRelay.MediaRelayExtensions.MapMediaRelay(app, b => b.RequireRateLimiting(RateLimitPolicies.MediaCreate));

app.Logger.LogInformation("Classroom started with roles {Roles}, data folder {DataFolder}", roles, options.DataFolder);
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
