using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using VirServerless.Core.Diagnostics;

namespace VirServerless.Functions.Telemetry;

/// <summary>
/// OpenTelemetry traces for requests (ASP.NET Core's own activity source), outgoing HTTP (System.Net.Http), storage
/// and Azure SDK calls (Azure.* sources, switched on below) and mail sends (<see cref="Traces"/>). Exported with OTLP
/// when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; otherwise no exporter and no tracer provider at all.
/// </summary>
public static class TracingSetup
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ServiceName = "virserverless-functions";

    /// <summary>The activity sources that are exported.</summary>
    public static IReadOnlyList<string> Sources { get; } = ["Microsoft.AspNetCore", "System.Net.Http", "Azure.*", Traces.SourceName];

    public static WebApplicationBuilder AddTracing(this WebApplicationBuilder builder)
    {
        if (builder.Configuration[OtlpEndpointSetting] is not { Length: > 0 } endpoint)
        {
            return builder;
        }
        // Azure.Core creates its "Azure.*" activities only behind this switch (still marked experimental).
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        var provider = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(ServiceName))
            .AddSource([.. Sources])
            .AddOtlpExporter(otlp =>
            {
                otlp.Endpoint = new Uri(endpoint);
                otlp.Protocol = builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
                if (otlp.Protocol == OtlpExportProtocol.HttpProtobuf && !endpoint.TrimEnd('/').EndsWith("/v1/traces", StringComparison.Ordinal))
                {
                    otlp.Endpoint = new Uri(endpoint.TrimEnd('/') + "/v1/traces");
                }
            })
            .Build();
        // The container disposes the provider at shutdown, which flushes the last batch.
        builder.Services.AddSingleton(provider);
        return builder;
    }
}
