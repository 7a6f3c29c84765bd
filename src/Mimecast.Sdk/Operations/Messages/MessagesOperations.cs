using System.Text.Json.Serialization;
using Mimecast.Sdk.Http;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

/// <summary>The message-finder family's descriptors (mimecast-actions.md §5): two reads, exactly one item per call, not paginated.</summary>
internal static class MessagesOperations
{
    internal static readonly MimecastOperation Search = new("message-finder-search", "/api/message-finder/search") { ListProperty = "trackedEmails" };

    internal static readonly MimecastOperation Info = new("message-finder-info", "/api/message-finder/get-message-info");

    /// <summary>
    /// The search's request item: a message id or the advanced options, never both, never neither (checked before
    /// sending); <c>route</c> inside the advanced options as the 1.0 sample and XSOAR send it (UNCONFIRMED: the 1.0 table
    /// puts it at data level).
    /// </summary>
    internal static MessageSearchWire ToWire(MessageSearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var byId = !string.IsNullOrWhiteSpace(query.MessageId);
        var advanced = query.Advanced is { } a && new[] { a.From, a.To, a.Subject, a.SenderIp, a.Route }.Any(static v => !string.IsNullOrWhiteSpace(v));
        if (byId == advanced)
        {
            throw new ArgumentException(
                byId ? "A message search takes a message id or advanced options, not both." : "A message search needs a message id or at least one advanced option (from, to, subject, sender IP, route).",
                nameof(query));
        }

        return new MessageSearchWire
        {
            MessageId = byId ? query.MessageId : null,
            AdvancedTrackAndTraceOptions = advanced ? new MessageSearchAdvancedWire
            {
                From = Blank(query.Advanced!.From),
                To = Blank(query.Advanced.To),
                Subject = Blank(query.Advanced.Subject),
                SenderIp = Blank(query.Advanced.SenderIp),
                Route = Blank(query.Advanced.Route),
            } : null,
            SearchReason = Blank(query.SearchReason),
            Start = query.Start,
            End = query.End,
        };

        static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
    }
}

internal sealed class MessageSearchWire
{
    public string? MessageId { get; set; }

    public MessageSearchAdvancedWire? AdvancedTrackAndTraceOptions { get; set; }

    public string? SearchReason { get; set; }

    public DateTimeOffset? Start { get; set; }

    public DateTimeOffset? End { get; set; }
}

internal sealed class MessageSearchAdvancedWire
{
    public string? From { get; set; }

    public string? To { get; set; }

    public string? Subject { get; set; }

    [JsonPropertyName("senderIP")]
    public string? SenderIp { get; set; }

    public string? Route { get; set; }
}

internal sealed class MessageSearchData
{
    public List<TrackedEmail>? TrackedEmails { get; set; }
}
