using System.Diagnostics;

namespace VirServerless.Core.Diagnostics;

/// <summary>The app's own trace spans (mail sends); requests, HTTP calls and storage calls come from the framework's sources.</summary>
public static class Traces
{
    public const string SourceName = "VirServerless";

    public static ActivitySource Source { get; } = new(SourceName);
}
