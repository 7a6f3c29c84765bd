namespace Mimecast.Sdk.Models;

/// <summary>Parameters of the SIEM event stream (<c>GET /siem/v1/events/cg</c>).</summary>
public sealed class SiemEventQuery
{
    /// <summary>
    /// Gets or sets the event types to read; none means every type. Each type is read with its own calls (one type
    /// per call is what Mimecast documents), so each type costs its own share of the quota.
    /// </summary>
    public IList<SiemEventType>? Types { get; set; }

    /// <summary>Gets or sets the start of the range (Mimecast keeps 24 hours: an older start is answered with HTTP 400).</summary>
    public DateTimeOffset? Start { get; set; }

    /// <summary>Gets or sets the end of the range; open-ended when unset.</summary>
    public DateTimeOffset? End { get; set; }

    /// <summary>Gets or sets the events per page, 1–100 (larger values are clamped to 100); the client's <see cref="MimecastClientOptions.DefaultPageSize"/> (clamped) when unset.</summary>
    public int? PageSize { get; set; }
}

/// <summary>Parameters of the SIEM batch listing (<c>GET /siem/v1/batch/events/cg</c>).</summary>
public sealed class SiemBatchQuery
{
    /// <summary>Creates a query for one event type.</summary>
    /// <param name="type">The event type: the batch endpoint takes exactly one.</param>
    public SiemBatchQuery(SiemEventType type)
    {
        if (type.Value.Length == 0)
        {
            throw new ArgumentException("A SIEM batch listing needs an event type.", nameof(type));
        }

        Type = type;
    }

    /// <summary>Gets the event type.</summary>
    public SiemEventType Type { get; }

    /// <summary>Gets or sets the first day (UTC) of the range. Mimecast keeps 7 days of files.</summary>
    public DateOnly? StartDate { get; set; }

    /// <summary>Gets or sets the last day (UTC) of the range.</summary>
    public DateOnly? EndDate { get; set; }

    /// <summary>Gets or sets the files per listing page, 1–100 (larger values are clamped to 100); the client's <see cref="MimecastClientOptions.DefaultPageSize"/> (clamped) when unset.</summary>
    public int? PageSize { get; set; }
}
