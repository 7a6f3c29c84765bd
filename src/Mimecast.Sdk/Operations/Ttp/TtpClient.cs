using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

/// <summary>The TTP logs: three listings, each a descriptor and one engine call.</summary>
internal sealed class TtpClient : ITtpClient
{
    private readonly MimecastTransport _transport;

    internal TtpClient(MimecastTransport transport) => _transport = transport;

    /// <inheritdoc />
    public MimecastPageable<TtpUrlLog> GetUrlLogsAsync(TtpUrlLogQuery? query = null, CancellationToken cancellationToken = default) =>
        _transport.Pageable<TtpUrlLog>((token, size, ct) => UrlLogsPageAsync(query, token, size, ct), cancellationToken);

    /// <inheritdoc />
    public Task<MimecastPage<TtpUrlLog>> GetUrlLogsPageAsync(TtpUrlLogQuery? query, string? pageToken, CancellationToken cancellationToken = default) =>
        UrlLogsPageAsync(query, pageToken, null, cancellationToken);

    /// <inheritdoc />
    public MimecastPageable<TtpAttachmentLog> GetAttachmentLogsAsync(TtpAttachmentLogQuery? query = null, CancellationToken cancellationToken = default) =>
        _transport.Pageable<TtpAttachmentLog>((token, size, ct) => AttachmentLogsPageAsync(query, token, size, ct), cancellationToken);

    /// <inheritdoc />
    public Task<MimecastPage<TtpAttachmentLog>> GetAttachmentLogsPageAsync(TtpAttachmentLogQuery? query, string? pageToken, CancellationToken cancellationToken = default) =>
        AttachmentLogsPageAsync(query, pageToken, null, cancellationToken);

    /// <inheritdoc />
    public MimecastPageable<TtpImpersonationLog> GetImpersonationLogsAsync(TtpImpersonationLogQuery? query = null, CancellationToken cancellationToken = default) =>
        _transport.Pageable<TtpImpersonationLog>((token, size, ct) => ImpersonationLogsPageAsync(query, token, size, ct), cancellationToken);

    /// <inheritdoc />
    public Task<MimecastPage<TtpImpersonationLog>> GetImpersonationLogsPageAsync(TtpImpersonationLogQuery? query, string? pageToken, CancellationToken cancellationToken = default) =>
        ImpersonationLogsPageAsync(query, pageToken, null, cancellationToken);

    private Task<MimecastPage<TtpUrlLog>> UrlLogsPageAsync(TtpUrlLogQuery? query, string? pageToken, int? pageSize, CancellationToken cancellationToken)
    {
        query ??= new TtpUrlLogQuery();
        return _transport.GetPageAsync(TtpOperations.UrlLogs, query, query.PageSize, pageToken, pageSize,
            MimecastJsonContext.Default.RequestEnvelopeTtpUrlLogQuery, MimecastJsonContext.Default.ResponseEnvelopeUrlLogsData, static d => d.ClickLogs, cancellationToken);
    }

    private Task<MimecastPage<TtpAttachmentLog>> AttachmentLogsPageAsync(TtpAttachmentLogQuery? query, string? pageToken, int? pageSize, CancellationToken cancellationToken)
    {
        query ??= new TtpAttachmentLogQuery();
        return _transport.GetPageAsync(TtpOperations.AttachmentLogs, query, query.PageSize, pageToken, pageSize,
            MimecastJsonContext.Default.RequestEnvelopeTtpAttachmentLogQuery, MimecastJsonContext.Default.ResponseEnvelopeAttachmentLogsData, static d => d.AttachmentLogs, cancellationToken);
    }

    private Task<MimecastPage<TtpImpersonationLog>> ImpersonationLogsPageAsync(TtpImpersonationLogQuery? query, string? pageToken, int? pageSize, CancellationToken cancellationToken)
    {
        query ??= new TtpImpersonationLogQuery();
        return _transport.GetPageAsync(TtpOperations.ImpersonationLogs, query, query.PageSize, pageToken, pageSize,
            MimecastJsonContext.Default.RequestEnvelopeTtpImpersonationLogQuery, MimecastJsonContext.Default.ResponseEnvelopeImpersonationLogsData, static d => d.ImpersonationLogs, cancellationToken);
    }
}
