namespace Mimecast.Sdk.Feed.CrashHost;

/// <summary>The feed settings of one customer: small pages and batches, so a poll spans many requests and commits.</summary>
internal static class FeedOptions
{
    public static MimecastIncidentFeedOptions For(string customer, HostArguments arguments) => new()
    {
        CustomerName = customer,
        Kinds = TtpEventKinds.All,
        InitialLookback = arguments.Lookback,
        PageSize = arguments.PageSize,
        MaxEventsPerPoll = arguments.MaxEvents,
    };
}
