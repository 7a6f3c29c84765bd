using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Feed.Tests;

internal static class FeedTestData
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The default overlap window: every poll re-reads this far behind the newest delivered event.</summary>
    public static readonly TimeSpan Overlap = new MimecastIncidentFeedOptions().OverlapWindow;

    public static TtpUrlLog Url(DateTimeOffset? date, string user = "alice@example.com", string url = "https://bad.example/x") => new()
    {
        Date = date,
        UserEmailAddress = user,
        FromUserEmailAddress = "mallory@evil.example",
        Url = url,
        Action = "block",
        ScanResult = "malicious",
        Route = "inbound",
        MessageId = "<m@evil.example>",
    };

    public static TtpAttachmentLog Attachment(DateTimeOffset? date, string file = "invoice.pdf") => new()
    {
        Date = date,
        SenderAddress = "mallory@evil.example",
        RecipientAddress = "bob@example.com",
        FileName = file,
        FileHash = "abc123",
        Result = "malicious",
        Route = "inbound",
    };

    public static TtpImpersonationLog Impersonation(string? id, DateTimeOffset? time, string sender = "ceo@examp1e.com") => new()
    {
        Id = id,
        EventTime = time,
        SenderAddress = sender,
        RecipientAddress = "cfo@example.com",
        Action = "hold",
    };

    public static MimecastIncidentFeedOptions Options(TtpEventKinds kinds = TtpEventKinds.All, int max = 1000, int pageSize = 500, string customer = "") => new()
    {
        Kinds = kinds,
        MaxEventsPerPoll = max,
        PageSize = pageSize,
        CustomerName = customer,
        InitialLookback = TimeSpan.FromHours(24),
        PollInterval = TimeSpan.FromMinutes(1),
    };
}
