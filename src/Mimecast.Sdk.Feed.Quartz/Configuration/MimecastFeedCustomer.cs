namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>
/// One customer the cluster polls: the name of its Mimecast client (registered with <c>AddMimecastClient(name, …)</c>
/// or <c>AddMimecastClients</c>; the credentials never travel through the scheduler) and how often it is polled.
/// </summary>
public sealed class MimecastFeedCustomer
{
    /// <summary>Gets or sets the customer name: the client name and the key of its checkpoints. Required.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the time from the end of one poll to the start of the next, or null for the cluster default.</summary>
    public TimeSpan? PollInterval { get; set; }

    /// <summary>Returns the name and interval.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"Customer '{Name}' every {PollInterval?.ToString() ?? "default"}";
}
