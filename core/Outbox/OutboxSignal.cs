using System.Threading.Channels;

namespace VirServerless.Core.Outbox;

/// <summary>Tells the dispatcher that a partition has new mail, so it goes out right after the request.</summary>
public sealed class OutboxSignal
{
    private readonly Channel<string> channel = Channel.CreateBounded<string>(new BoundedChannelOptions(1000)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    public void Notify(string partitionKey) => channel.Writer.TryWrite(partitionKey);

    public ChannelReader<string> Reader => channel.Reader;
}
