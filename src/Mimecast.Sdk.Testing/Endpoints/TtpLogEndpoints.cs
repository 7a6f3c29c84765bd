using System.Text.Json;

namespace Mimecast.Sdk.Testing;

/// <summary>The Targeted Threat Protection log family: URL, attachment and impersonation logs, each one <see cref="PagedEnvelopeEndpoint{T}"/>.</summary>
internal sealed class TtpLogEndpoints(EndpointKit kit) : ISimulatorEndpointFamily
{
    public const string UrlPath = "/api/ttp/url/get-logs";
    public const string AttachmentPath = "/api/ttp/attachment/get-logs";
    public const string ImpersonationPath = "/api/ttp/impersonation/get-logs";

    public IEnumerable<SimulatorRoute> Routes =>
    [
        Endpoint<SimulatorUrlLog>(UrlPath, "clickLogs", SimulatorLogKind.Url, a => a.Url.Items, JsonOut.WriteUrl, resultCount: false),
        Endpoint<SimulatorAttachmentLog>(AttachmentPath, "attachmentLogs", SimulatorLogKind.Attachment, a => a.Attachment.Items, JsonOut.WriteAttachment, resultCount: false),
        Endpoint<SimulatorImpersonationLog>(ImpersonationPath, "impersonationLogs", SimulatorLogKind.Impersonation, a => a.Impersonation.Items, JsonOut.WriteImpersonation, resultCount: true),
    ];

    /// <summary>A TTP listing: <c>data[0]</c> is one object holding the list (and, for impersonation, <c>resultCount</c>); <c>meta.pagination</c> has <c>totalCount</c>.</summary>
    private SimulatorRoute Endpoint<T>(string path, string listName, SimulatorLogKind kind, Func<AccountState, List<T>> store, Action<Utf8JsonWriter, T> writeItem, bool resultCount)
        where T : class, ISimulatorLog =>
        new PagedEnvelopeEndpoint<T>(
            kit,
            path,
            listName,
            store,
            data => TtpLogQuery.Parse(kind, data).ToQuery<T>(),
            (w, page) =>
            {
                w.WriteStartObject();
                if (resultCount)
                {
                    w.WriteNumber("resultCount", page.Count);
                }

                w.WriteStartArray(listName);
                foreach (T item in page)
                {
                    writeItem(w, item);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            },
            writeTotalCount: true).Route;
}
