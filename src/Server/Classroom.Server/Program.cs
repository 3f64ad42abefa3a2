using Classroom.Scheduler;
using Classroom.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
var (options, roles) = builder.AddClassroomHosting(args);
builder.AddClassroomHardening();

// Each role registers itself; the roles never reference one another (ARCHITECTURE.md).
// ROLE-REGISTRATION (keep one line per role)
if (roles.Hub) Classroom.Hub.HubServiceCollectionExtensions.AddLessonHub(builder.Services, builder.Configuration, options.DataFolder);
if (roles.Scheduler) builder.Services.AddScheduler(builder.Configuration, options.DataFolder, options.SeedDemo);
if (roles.Relay) Classroom.MediaRelay.MediaRelayExtensions.AddMediaRelay(builder.Services, builder.Configuration, options.DataFolder);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseClassroomHardening();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapOpenApi();
app.MapClassroomHealth();

// ROLE-ENDPOINTS (keep one line per role)
if (roles.Hub) Classroom.Hub.HubEndpointExtensions.MapLessonHub(app);
if (roles.Scheduler) app.MapScheduler();
if (roles.Relay) Classroom.MediaRelay.MediaRelayExtensions.MapMediaRelay(app);

app.Logger.LogInformation("Classroom started with roles {Roles}, data folder {DataFolder}", roles, options.DataFolder);
await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
