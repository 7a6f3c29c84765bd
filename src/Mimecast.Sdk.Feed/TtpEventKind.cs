namespace Mimecast.Sdk.Feed;

/// <summary>The kind of one Targeted Threat Protection event delivered by the incident feed.</summary>
public enum TtpEventKind
{
    /// <summary>A URL click (<c>/api/ttp/url/get-logs</c>, <c>clickLogs</c>).</summary>
    Url = 0,

    /// <summary>An attachment scan (<c>/api/ttp/attachment/get-logs</c>, <c>attachmentLogs</c>).</summary>
    Attachment = 1,

    /// <summary>An impersonation detection (<c>/api/ttp/impersonation/get-logs</c>, <c>impersonationLogs</c>).</summary>
    Impersonation = 2,
}

/// <summary>A set of <see cref="TtpEventKind"/> values, for <see cref="MimecastIncidentFeedOptions.Kinds"/>.</summary>
[Flags]
public enum TtpEventKinds
{
    /// <summary>No kind.</summary>
    None = 0,

    /// <summary>URL clicks.</summary>
    Url = 1,

    /// <summary>Attachment scans.</summary>
    Attachment = 2,

    /// <summary>Impersonation detections.</summary>
    Impersonation = 4,

    /// <summary>Every kind.</summary>
    All = Url | Attachment | Impersonation,
}

/// <summary>Conversions between <see cref="TtpEventKind"/> and <see cref="TtpEventKinds"/>.</summary>
public static class TtpEventKindExtensions
{
    /// <summary>Gets the single-kind set of <paramref name="kind"/>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The matching flag.</returns>
    public static TtpEventKinds ToFlag(this TtpEventKind kind) => kind switch
    {
        TtpEventKind.Url => TtpEventKinds.Url,
        TtpEventKind.Attachment => TtpEventKinds.Attachment,
        TtpEventKind.Impersonation => TtpEventKinds.Impersonation,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown TTP event kind."),
    };

    /// <summary>Lists the kinds of <paramref name="kinds"/> in a fixed order: URL, attachment, impersonation.</summary>
    /// <param name="kinds">The set.</param>
    /// <returns>The kinds in the set.</returns>
    public static IReadOnlyList<TtpEventKind> ToKindList(this TtpEventKinds kinds)
    {
        var list = new List<TtpEventKind>(3);
        foreach (var kind in AllKinds)
        {
            if ((kinds & kind.ToFlag()) != 0)
            {
                list.Add(kind);
            }
        }

        return list;
    }

    internal static readonly TtpEventKind[] AllKinds = [TtpEventKind.Url, TtpEventKind.Attachment, TtpEventKind.Impersonation];
}
