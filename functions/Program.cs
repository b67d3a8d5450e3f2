using VirServerless.Functions.Admin;
using VirServerless.Functions.Events;
using VirServerless.Functions.Hosting;
using VirServerless.Functions.Pages;
using VirServerless.Functions.Registrations;
using VirServerless.Functions.Timers;

var builder = WebApplication.CreateBuilder(args);

builder.AddFunctionsHost();
builder.AddApiDefaults();
builder.AddCore();
builder.AddTimers();
builder.AddPages();

var app = builder.Build();

app.UseApiDefaults();
app.MapEvents();
app.MapRegistrations();
app.MapAdmin();
app.MapPages();
app.MapTimers();

await app.PrepareStorageAsync();
await app.RunAsync();

/// <summary>Entry point marker for tests.</summary>
public partial class Program;
