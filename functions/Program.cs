using VirServerless.Bot.Conversations;
using VirServerless.Bot.Protocol;
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
builder.Services.AddBot(builder.Configuration);

var app = builder.Build();

app.UseApiDefaults();
app.MapEvents();
app.MapRegistrations();
app.MapAdmin();
app.MapMailAdmin();
app.MapPages();
app.MapTimers();
app.MapBotMessages();

await app.PrepareStorageAsync();
await app.RunAsync();

/// <summary>Entry point marker for tests.</summary>
public partial class Program;
