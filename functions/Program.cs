using VirServerless.Bot.Conversations;
using VirServerless.Bot.Protocol;
using VirServerless.Functions.Admin;
using VirServerless.Functions.Bench;
using VirServerless.Functions.Deployment;
using VirServerless.Functions.Events;
using VirServerless.Functions.Health;
using VirServerless.Functions.Hosting;
using VirServerless.Functions.Pages;
using VirServerless.Functions.Registrations;
using VirServerless.Functions.Telemetry;
using VirServerless.Functions.Timers;

// appsettings.json ships inside the read-only package and settings come from the environment: watching the content
// root for changes would only cost start-up time.
var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);

builder.AddFunctionsHost();
builder.AddApiDefaults();
builder.AddAppServices();
builder.AddTimers();
builder.AddPages();
builder.AddEntraSignIn();
builder.Services.AddBot(builder.Configuration);
builder.AddTracing();

var app = builder.Build();

app.UseApiDefaults();
app.UseStoragePreparation();
app.UsePageSecurity();
app.UseOrganiserSessions();
app.MapEvents();
app.MapRegistrations();
app.MapAdmin();
app.MapMailAdmin();
app.MapPages();
app.MapTimers();
app.MapBotMessages();
app.MapHealth();
app.MapBenchEcho();

// Every Map… call belongs above this line: the package's function.json files are generated from the endpoints.
if (await app.EmitIfAskedAsync(args))
{
    return;
}

await app.RunAsync();

/// <summary>Entry point marker for tests.</summary>
public partial class Program;
