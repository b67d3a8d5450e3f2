using Azure.Data.Tables;
using VirServerless.Testing;

namespace VirServerless.Core.Tests.Storage;

public class AzuriteInstanceTests
{
    [Fact]
    public async Task PersistentInstanceKeepsDataAndPortsAcrossRestart()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var azurite = await AzuriteInstance.StartAsync(persistent: true, ct);
        var table = new TableClient(azurite.ConnectionString, "restarts");
        await table.CreateIfNotExistsAsync(ct);
        await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = "before" }, ct);
        var port = azurite.TablePort;

        await azurite.RestartAsync(ct);

        Assert.Equal(port, azurite.TablePort);
        Assert.Equal("before", (await table.GetEntityAsync<TableEntity>("p", "r", cancellationToken: ct)).Value.GetString("V"));
    }

    [Fact]
    public async Task DisposeEndsTheProcess()
    {
        var ct = TestContext.Current.CancellationToken;
        var azurite = await AzuriteInstance.StartAsync(ct);
        var processId = azurite.Process!.Id;

        await azurite.DisposeAsync();

        Assert.Null(azurite.Process);
        Assert.Throws<ArgumentException>(() => System.Diagnostics.Process.GetProcessById(processId));
        using var client = new System.Net.Sockets.TcpClient();
        await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(() => client.ConnectAsync(System.Net.IPAddress.Loopback, azurite.TablePort, ct).AsTask());
    }
}
