using System.Globalization;
using Azure;

namespace VirServerless.Core.Mail.Acs;

/// <summary>
/// The long-running send. A final <see cref="EmailSendStatus.Failed"/> or <see cref="EmailSendStatus.Canceled"/> is kept
/// in <see cref="Value"/> and <see cref="SendError"/>, and <see cref="WaitForCompletionAsync"/> then throws a
/// <see cref="RequestFailedException"/> with the service's error code.
/// </summary>
public class EmailSendOperation
{
    private readonly EmailClient client = null!;
    private Response? rawResponse;

    /// <summary>Resumes an operation by id, e.g. to check a mail sent before a restart.</summary>
    public EmailSendOperation(string id, EmailClient client)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(client);
        Id = id;
        this.client = client;
    }

    internal EmailSendOperation(EmailClient client, string id, EmailMessageJson.SendResult result, Response response)
        : this(id, client)
    {
        Apply(result, response);
    }

    /// <summary>For test doubles.</summary>
    protected EmailSendOperation()
    {
        Id = "";
    }

    /// <summary>The Operation-Id.</summary>
    public virtual string Id { get; }

    public virtual bool HasCompleted { get; private set; }

    /// <summary>The last status the service reported; null before the first response.</summary>
    public virtual EmailSendStatus? Value { get; private set; }

    /// <summary>The service's error for a failed or cancelled send.</summary>
    public virtual ResponseError? SendError { get; private set; }

    public virtual Response? GetRawResponse() => rawResponse;

    /// <summary>Polls, waiting as long as each <c>retry-after</c> asks, until the send ends.</summary>
    /// <exception cref="RequestFailedException">The send ended Failed or Canceled.</exception>
    public virtual async Task<Response<EmailSendStatus>> WaitForCompletionAsync(CancellationToken cancellationToken = default)
    {
        while (!HasCompleted)
        {
            await Task.Delay(PollDelay(), client.TimeProvider, cancellationToken).ConfigureAwait(false);
            var response = await client.GetSendResultAsync(Id, cancellationToken).ConfigureAwait(false);
            Apply(EmailMessageJson.ReadResult(response.Content), response);
        }

        if (Value is EmailSendStatus.Succeeded)
        {
            return Response.FromValue(EmailSendStatus.Succeeded, rawResponse!);
        }

        throw new RequestFailedException(
            rawResponse!.Status,
            $"Mail operation {Id} ended {Value}: {SendError?.Message ?? "no reason given"}",
            SendError?.Code ?? Value.ToString(),
            null);
    }

    private TimeSpan PollDelay() =>
        rawResponse is not null && rawResponse.Headers.TryGetValue("retry-after", out var text) &&
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : client.DefaultPollInterval;

    private void Apply(EmailMessageJson.SendResult result, Response response)
    {
        rawResponse = response;
        Value = result.Status;
        SendError = result.Error;
        HasCompleted = result.Status is EmailSendStatus.Succeeded or EmailSendStatus.Failed or EmailSendStatus.Canceled;
    }
}
