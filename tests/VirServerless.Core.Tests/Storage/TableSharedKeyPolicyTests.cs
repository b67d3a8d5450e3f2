using VirServerless.Core.Storage.Tables;

namespace VirServerless.Core.Tests.Storage;

public class TableSharedKeyPolicyTests
{
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public void SignsTheDocumentedWorkedExample()
    {
        var resource = TableSharedKeyPolicy.CanonicalizedResource("devstoreaccount1", new Uri("http://127.0.0.1:10002/devstoreaccount1/Tables"));

        var signature = TableSharedKeyPolicy.Sign(Convert.FromBase64String(DevKey), "Mon, 01 Jan 2024 00:00:00 GMT", resource);

        Assert.Equal("/devstoreaccount1/devstoreaccount1/Tables", resource);
        Assert.Equal("13UOPPE/P1+LLsRFYJCHphuPCEQ21EO/4WbbW+OXG4U=", signature);
    }

    [Fact]
    public void KeepsOnlyTheCompParameterOfTheQuery()
    {
        var uri = new Uri("https://acct.table.core.windows.net/foopath?restype=service&comp=properties&sv=2020");

        var resource = TableSharedKeyPolicy.CanonicalizedResource("acct", uri);

        Assert.Equal("/acct/foopath?comp=properties", resource);
    }

    [Fact]
    public void SignsThePathStillPercentEncoded()
    {
        var uri = new Uri("http://127.0.0.1:10002/devstoreaccount1/t1(PartitionKey='O%27%27Brien',RowKey='a%20b')?$filter=x");

        var resource = TableSharedKeyPolicy.CanonicalizedResource("devstoreaccount1", uri);

        Assert.Equal("/devstoreaccount1/devstoreaccount1/t1(PartitionKey='O%27%27Brien',RowKey='a%20b')", resource);
    }
}
