using System.Globalization;
using Mimecast.Sdk.Models;

namespace Mimecast.Cli.Commands.Logs;

/// <summary>The table and tsv columns of each log source; JSON output carries every field.</summary>
internal static class LogsColumns
{
    public static IReadOnlyList<Column<TtpUrlLog>> Url { get; } =
    [
        new("date", static r => Time(r.Date)), new("user", static r => r.UserEmailAddress), new("action", static r => r.Action),
        new("scanResult", static r => r.ScanResult), new("url", static r => r.Url),
    ];

    public static IReadOnlyList<Column<TtpAttachmentLog>> Attachment { get; } =
    [
        new("date", static r => Time(r.Date)), new("sender", static r => r.SenderAddress), new("recipient", static r => r.RecipientAddress),
        new("result", static r => r.Result), new("fileName", static r => r.FileName),
    ];

    public static IReadOnlyList<Column<TtpImpersonationLog>> Impersonation { get; } =
    [
        new("eventTime", static r => Time(r.EventTime)), new("sender", static r => r.SenderAddress), new("recipient", static r => r.RecipientAddress),
        new("action", static r => r.Action), new("subject", static r => r.Subject),
    ];

    public static IReadOnlyList<Column<AuditEvent>> Audit { get; } =
    [
        new("eventTime", static r => Time(r.EventTime)), new("user", static r => r.User), new("category", static r => r.Category),
        new("auditType", static r => r.AuditType), new("id", static r => r.Id),
    ];

    public static IReadOnlyList<Column<SiemEvent>> Siem { get; } =
    [
        new("timestamp", static r => Time(r.Timestamp)), new("type", static r => r.Type.Value), new("sender", static r => r.SenderEnvelope),
        new("recipients", static r => r.Recipients), new("subject", static r => r.Subject),
    ];

    private static string? Time(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
