using System.Globalization;
using System.Text.Json;

namespace Mimecast.Sdk.Testing;

/// <summary>
/// The message finder (API 1.0 and 2.0), exactly one item per call: <c>search</c> by <c>messageId</c> or
/// <c>advancedTrackAndTraceOptions</c> (both or neither: a keyed <c>fail</c>) and <c>get-message-info</c> by tracking id.
/// Tracked messages are derived from the account's state, so they agree with it: held messages (status <c>held</c>),
/// released ones (<c>delivered</c>), rejected ones (<c>rejected</c>) and the messages of the TTP URL click logs
/// (<c>delivered</c>, found by their <c>messageId</c>).
/// </summary>
internal sealed class MessageFinderEndpoints(EndpointKit kit) : ISimulatorEndpointFamily
{
    public const string SearchPath = "/api/message-finder/search";
    public const string InfoPath = "/api/message-finder/get-message-info";

    private static readonly string[] AdvancedFields = ["from", "to", "subject", "senderIP", "route"];

    public IEnumerable<SimulatorRoute> Routes =>
    [
        new ActionEndpoint(kit, SearchPath, 1, 1, Search).Route,
        new ActionEndpoint(kit, InfoPath, 1, 1, Info).Route,
    ];

    private IEnumerable<Tracked> All(AccountState account)
    {
        HeldQueue queue = HeldQueue.Of(account, kit.Core.Settings.Time);
        foreach (SimulatorHeldMessage m in queue.Held.Items)
        {
            yield return Tracked.Of(m, "held");
        }

        foreach ((SimulatorHeldMessage m, string status) in queue.Done)
        {
            yield return Tracked.Of(m, status);
        }

        foreach (SimulatorUrlLog u in account.Url.Items)
        {
            yield return new Tracked(TrackingId(u.Sequence), "delivered", u.MessageId, u.FromUserEmailAddress, u.UserEmailAddress, u.Subject, u.SendingIp, u.Route, u.Date, null);
        }
    }

    private static string TrackingId(long sequence) => "trkU" + KeyMaterial.Base64Url(BitConverter.GetBytes(sequence));

    private void Search(AccountState account, JsonElement item, ItemAnswer answer)
    {
        string? messageId = RequestFields.StringField(item, "messageId");
        bool advanced = item.TryGetProperty("advancedTrackAndTraceOptions", out JsonElement options) && options.ValueKind == JsonValueKind.Object;
        if (string.IsNullOrWhiteSpace(messageId) == !advanced)
        {
            answer.Fail(item, new FailError(SimulatorErrorCodes.InvalidValue, "Only one of messageId and advancedTrackAndTraceOptions can contain a value", Field: "messageId"));
            return;
        }

        if (advanced && options.EnumerateObject().Select(static p => p.Name).FirstOrDefault(static n => !AdvancedFields.Contains(n, StringComparer.Ordinal)) is { } unknown)
        {
            answer.Fail(item, new FailError(SimulatorErrorCodes.InvalidValue, $"Unknown advanced option '{unknown}'", Field: unknown));
            return;
        }

        if (!RequestFields.TryDate(item, "start", out DateTimeOffset? start, out FailError? error) || !RequestFields.TryDate(item, "end", out DateTimeOffset? end, out error))
        {
            answer.Fail(item, error!.Value);
            return;
        }

        bool Is(string? want, string actual) => string.IsNullOrEmpty(want) || string.Equals(want, actual, StringComparison.OrdinalIgnoreCase);
        string? Opt(string name) => advanced ? RequestFields.StringField(options, name) : null;
        List<Tracked> found = [.. All(account).Where(t => (start is null || t.Received >= start) && (end is null || t.Received <= end)
            && (advanced
                ? Is(Opt("from"), t.From) && Is(Opt("to"), t.To) && Is(Opt("senderIP"), t.SenderIp) && (Opt("route") is null or "all" || Is(Opt("route"), t.Route))
                    && (Opt("subject") is not { Length: > 0 } subject || t.Subject.Contains(subject, StringComparison.OrdinalIgnoreCase))
                : string.Equals(t.MessageId, messageId, StringComparison.Ordinal)))];
        answer.Data(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("trackedEmails");
            foreach (Tracked t in found)
            {
                t.Write(w);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private void Info(AccountState account, JsonElement item, ItemAnswer answer)
    {
        string? id = RequestFields.StringField(item, "id");
        if (RequestFields.Required(id, "id") is { } error)
        {
            answer.Fail(item, error);
            return;
        }

        if (All(account).FirstOrDefault(t => t.Id == id) is not { } tracked)
        {
            answer.Fail(item, new FailError(SimulatorErrorCodes.NotFound, "Message not found", Field: "id"));
            return;
        }

        answer.Data(tracked.WriteInfo);
    }

    /// <summary>One tracked message as the finder reports it.</summary>
    private sealed record Tracked(string Id, string Status, string MessageId, string From, string To, string Subject, string SenderIp, string Route, DateTimeOffset Received, SimulatorHeldMessage? Held)
    {
        public static Tracked Of(SimulatorHeldMessage m, string status) =>
            new(m.TrackingId, status, m.MessageId, m.From, m.To, m.Subject, m.SenderIp, m.Route.ToLowerInvariant(), m.DateReceived, m);

        public void Write(Utf8JsonWriter w)
        {
            w.WriteStartObject();
            w.WriteString("id", Id);
            w.WriteString("status", Status);
            w.WriteString("info", Status switch { "held" => "Held for review", "rejected" => "Rejected by administrator", _ => "Delivered" });
            SimulatorHeldMessage.WriteAddress(w, "fromEnv", From);
            SimulatorHeldMessage.WriteAddress(w, "fromHdr", From);
            w.WriteStartArray("to");
            w.WriteStartObject();
            w.WriteString("emailAddress", To);
            w.WriteString("displayableName", To.Split('@')[0]);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteString("received", JsonOut.WireDate(Received));
            if (Status == "delivered")
            {
                w.WriteString("sent", JsonOut.WireDate(Received.AddSeconds(2)));
            }

            w.WriteString("subject", Subject);
            w.WriteString("senderIP", SenderIp);
            w.WriteBoolean("attachments", Held?.HasAttachments ?? false);
            w.WriteString("route", Route);
            w.WriteNumber("spamScore", Held?.ReasonCode == "spam" ? 6 : 0);
            w.WriteString("detectionLevel", Held?.ReasonCode == "spam" ? "relaxed" : "none");
            w.WriteEndObject();
        }

        public void WriteInfo(Utf8JsonWriter w)
        {
            w.WriteStartObject();
            w.WriteString("id", Id);
            w.WriteString("status", Status);
            w.WriteStartObject("recipientInfo");
            w.WriteStartObject("messageInfo");
            w.WriteString("fromEnvelope", From);
            w.WriteString("subject", Subject);
            w.WriteString("sent", JsonOut.WireDate(Received));
            w.WriteString("messageId", MessageId);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject("deliveredMessage");
            if (Status == "delivered")
            {
                w.WriteStartObject(To);
                w.WriteStartObject("messageInfo");
                w.WriteString("subject", Subject);
                w.WriteString("transmissionStart", JsonOut.WireDate(Received.AddSeconds(1)));
                w.WriteEndObject();
                w.WriteStartArray("policyInfo");
                w.WriteEndArray();
                w.WriteStartObject("deliveryMetaInfo");
                w.WriteString("deliveryEvent", "delivery_succeeded");
                w.WriteString("emailAddress", To);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndObject();
            if (Held is { } held && Status == "held")
            {
                w.WriteStartObject("queueInfo");
                w.WriteString("reason", held.Reason);
                w.WriteString("heldGroup", held.HeldGroup);
                w.WriteEndObject();
            }

            w.WriteStartObject("spamInfo");
            w.WriteNumber("spamScore", Held?.ReasonCode == "spam" ? 6 : 0);
            w.WriteString("detectionLevel", Held?.ReasonCode == "spam" ? "relaxed" : "none");
            w.WriteEndObject();
            w.WriteStartObject("retentionInfo");
            w.WriteString("currentPurgeDate", JsonOut.WireDate(Received.AddDays(99 * 365)));
            w.WriteEndObject();
            w.WriteEndObject();
        }
    }
}
