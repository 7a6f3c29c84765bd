using System.Globalization;
using Mimecast.Sdk;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Feed.Tests;

/// <summary>
/// An in-memory IMimecastClient serving TTP logs like Mimecast: records kept in listing (oldest-first) order,
/// <c>from</c> inclusive at one-second granularity, offset page tokens.
/// </summary>
internal sealed class FakeMimecastClient(string name = "") : IMimecastClient, ITtpClient
{
    private readonly Lock _gate = new();

    public string Name { get; } = name;

    public List<TtpUrlLog> UrlLogs { get; } = [];

    public List<TtpAttachmentLog> AttachmentLogs { get; } = [];

    public List<TtpImpersonationLog> ImpersonationLogs { get; } = [];

    public List<TtpLogQuery> Queries { get; } = [];

    public int PageCalls { get; private set; }

    /// <summary>When set, <c>from</c> is ignored (a misbehaving server).</summary>
    public bool IgnoreFrom { get; set; }

    /// <summary>The paging options of the listings (as a real client's <c>Mimecast:Paging</c>; reads ahead by default).</summary>
    public MimecastPagingOptions Paging { get; set; } = new();

    /// <summary>Called before every page request with its 1-based number; may throw or wait.</summary>
    public Func<int, CancellationToken, Task>? BeforePage { get; set; }

    public ILoginClient Login => throw new NotSupportedException();

    public ITtpClient Ttp => this;

    public ISiemClient Siem => throw new NotSupportedException();

    public IAuditClient Audit => throw new NotSupportedException();

    public IRemediationClient Remediation => throw new NotSupportedException();

    public IDirectoryClient Directory => throw new NotSupportedException();

    public IAccountClient Account => throw new NotSupportedException();

    public IHeldMessagesClient Held => throw new NotSupportedException();

    public IMessagesClient Messages => throw new NotSupportedException();

    public IUrlsClient Urls => throw new NotSupportedException();

    public ISendersClient Senders => throw new NotSupportedException();

    public MimecastPageable<TtpUrlLog> GetUrlLogsAsync(TtpUrlLogQuery? query = null, CancellationToken cancellationToken = default) =>
        MimecastPageable.Create<TtpUrlLog>((token, _, ct) => PageAsync(UrlLogs, static l => l.Date, query, token, ct), Paging, cancellationToken: cancellationToken);

    public MimecastPageable<TtpAttachmentLog> GetAttachmentLogsAsync(TtpAttachmentLogQuery? query = null, CancellationToken cancellationToken = default) =>
        MimecastPageable.Create<TtpAttachmentLog>((token, _, ct) => PageAsync(AttachmentLogs, static l => l.Date, query, token, ct), Paging, cancellationToken: cancellationToken);

    public MimecastPageable<TtpImpersonationLog> GetImpersonationLogsAsync(TtpImpersonationLogQuery? query = null, CancellationToken cancellationToken = default) =>
        MimecastPageable.Create<TtpImpersonationLog>((token, _, ct) => PageAsync(ImpersonationLogs, static l => l.EventTime, query, token, ct), Paging, cancellationToken: cancellationToken);

    public Task<MimecastPage<TtpUrlLog>> GetUrlLogsPageAsync(TtpUrlLogQuery? query, string? pageToken, CancellationToken cancellationToken = default) =>
        PageAsync(UrlLogs, static l => l.Date, query, pageToken, cancellationToken);

    public Task<MimecastPage<TtpAttachmentLog>> GetAttachmentLogsPageAsync(TtpAttachmentLogQuery? query, string? pageToken, CancellationToken cancellationToken = default) =>
        PageAsync(AttachmentLogs, static l => l.Date, query, pageToken, cancellationToken);

    public Task<MimecastPage<TtpImpersonationLog>> GetImpersonationLogsPageAsync(TtpImpersonationLogQuery? query, string? pageToken, CancellationToken cancellationToken = default) =>
        PageAsync(ImpersonationLogs, static l => l.EventTime, query, pageToken, cancellationToken);

    private async Task<MimecastPage<T>> PageAsync<T>(List<T> source, Func<T, DateTimeOffset?> timeOf, TtpLogQuery? query, string? pageToken, CancellationToken cancellationToken)
    {
        int call;
        lock (_gate)
        {
            call = ++PageCalls;
            if (query is not null && pageToken is null)
            {
                Queries.Add(query);
            }
        }

        if (BeforePage is not null)
        {
            await BeforePage(call, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var from = query?.From is { } f && !IgnoreFrom ? Truncate(f) : (DateTimeOffset?)null;
        List<T> matching;
        lock (_gate)
        {
            matching = source.Where(r => from is null || timeOf(r) is not { } t || Truncate(t) >= from).ToList();
        }

        var size = query?.PageSize ?? 100;
        var offset = pageToken is null ? 0 : int.Parse(pageToken, CultureInfo.InvariantCulture);
        var items = matching.Skip(offset).Take(size).ToList();
        var next = offset + items.Count < matching.Count ? (offset + items.Count).ToString(CultureInfo.InvariantCulture) : null;
        return new MimecastPage<T>(items, next);
    }

    private static DateTimeOffset Truncate(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
