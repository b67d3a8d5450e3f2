namespace VirServerless.Functions.Hosting;

/// <summary>
/// The same executable runs under the Azure Functions host (custom handler) and on its own. Under the host it
/// listens on 127.0.0.1 at the port the host hands over; standalone it serves http://localhost:7071 and runs the
/// timer functions itself.
/// </summary>
public static class FunctionsHost
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";
    public const string DefaultUrl = "http://localhost:7071";

    public static bool IsUnderFunctionsHost => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PortVariable));

    public static WebApplicationBuilder AddFunctionsHost(this WebApplicationBuilder builder)
    {
        var port = Environment.GetEnvironmentVariable(PortVariable);
        if (!string.IsNullOrEmpty(port))
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }
        else if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = RequestBody.MaxBytes * 4;
        });
        return builder;
    }
}
