// The start-up baseline: the smallest ASP.NET Core minimal-API app, built and started like the function app.
var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/api/health", () => TypedResults.Ok(new { status = "ok" }));
await app.RunAsync();
