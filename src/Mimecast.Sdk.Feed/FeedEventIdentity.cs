using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Feed;

/// <summary>
/// Builds the content key of a record: the lowercase hex SHA-256 of a canonical, length-prefixed UTF-8 encoding of
/// the kind and the record's fields. Stable across processes, versions and machines for the same field values.
/// </summary>
internal static class FeedEventIdentity
{
    internal static string UrlKey(TtpUrlLog log)
    {
        var key = new KeyBuilder("url");
        key.Add(log.Date)
            .Add(log.UserEmailAddress).Add(log.FromUserEmailAddress).Add(log.Url).Add(log.MessageId)
            .Add(log.Action).Add(log.ScanResult).Add(log.Route).Add(log.TtpDefinition).Add(log.Subject)
            .Add(log.AdminOverride).Add(log.UserOverride).Add(log.Category).Add(log.SendingIp)
            .Add(log.UserAwarenessAction).Add(log.Actions).Add(log.CreationMethod).Add(log.EmailPartsDescription);
        return key.Hash();
    }

    internal static string AttachmentKey(TtpAttachmentLog log)
    {
        var key = new KeyBuilder("attachment");
        key.Add(log.Date)
            .Add(log.SenderAddress).Add(log.RecipientAddress).Add(log.FileName).Add(log.FileHash).Add(log.FileType)
            .Add(log.MessageId).Add(log.Result).Add(log.ActionTriggered).Add(log.Route).Add(log.Definition)
            .Add(log.Details).Add(log.Subject);
        return key.Hash();
    }

    internal static string ImpersonationKey(TtpImpersonationLog log)
    {
        var key = new KeyBuilder("impersonation");
        key.Add(log.EventTime)
            .Add(log.SenderAddress).Add(log.RecipientAddress).Add(log.SenderIpAddress).Add(log.MessageId)
            .Add(log.Subject).Add(log.Definition).Add(log.Action)
            .Add(log.Hits?.ToString(CultureInfo.InvariantCulture))
            .Add(log.TaggedExternal?.ToString()).Add(log.TaggedMalicious?.ToString())
            .Add(log.Identifiers);
        return key.Hash();
    }

    internal static string AuditKey(AuditEvent e)
    {
        var key = new KeyBuilder("audit");
        key.Add(e.EventTime).Add(e.Id).Add(e.AuditType).Add(e.User).Add(e.EventInfo).Add(e.Category);
        return key.Hash();
    }

    // SIEM events have no id: the hash of the whole record (typed fields, then every other field by name with its raw JSON).
    internal static string SiemKey(SiemEvent e)
    {
        var key = new KeyBuilder("siem");
        key.Add(e.Timestamp).Add(e.Type.Value).Add(e.Subtype).Add(e.AccountId).Add(e.AggregateId).Add(e.ProcessingId)
            .Add(e.MessageId).Add(e.Subject).Add(e.SenderEnvelope).Add(e.Recipients);
        if (e.ExtensionData is { Count: > 0 } rest)
        {
            foreach (var (name, value) in rest.OrderBy(static p => p.Key, StringComparer.Ordinal))
            {
                key.Add(name).Add(value.GetRawText());
            }
        }

        return key.Hash();
    }

    private sealed class KeyBuilder
    {
        private readonly StringBuilder _text = new();

        public KeyBuilder(string kind) => Add(kind);

        public KeyBuilder Add(string? value)
        {
            if (value is null)
            {
                _text.Append("~;");
            }
            else
            {
                _text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(';');
            }

            return this;
        }

        public KeyBuilder Add(DateTimeOffset? value) =>
            Add(value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));

        public KeyBuilder Add(IReadOnlyList<string>? values)
        {
            if (values is null)
            {
                return Add((string?)null);
            }

            _text.Append('[').Append(values.Count.ToString(CultureInfo.InvariantCulture)).Append(']');
            foreach (var value in values)
            {
                Add(value);
            }

            return this;
        }

        public string Hash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(_text.ToString())));
    }
}
