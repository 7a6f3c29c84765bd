namespace Mimecast.Sdk.Feed;

/// <summary>
/// The page sizes the feed asks of the API 2.0 log sources, capped below <see cref="MimecastIncidentFeedOptions.PageSize"/>
/// (whose default, 500, suits the TTP logs). Wire facts: ../shared "API 2.0 log sources"; kept here, in one place.
/// </summary>
internal static class FeedSourceLimits
{
    /// <summary>The SIEM stream's documented page size maximum.</summary>
    internal const int SiemStreamPageSize = 100;

    /// <summary>The audit listing's maximum page size is unconfirmed; peers use 100 or 500, the client's default is 100.</summary>
    internal const int AuditPageSize = 100;
}
