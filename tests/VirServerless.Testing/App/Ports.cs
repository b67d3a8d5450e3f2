using System.Net;
using System.Net.Sockets;

namespace VirServerless.Testing;

public static class Ports
{
    /// <summary>A free loopback TCP port, as the OS hands it out.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "VirServerless.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("VirServerless.sln not found above " + AppContext.BaseDirectory);
    }
}
