using System.Globalization;

namespace Mimecast.Sdk.Testing;

/// <summary>Realistic, seeded SIEM Cloud Gateway events: every value a string (or null) as Mimecast sends them.</summary>
internal static class SiemGenerator
{
    private static readonly string[] Users = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "olivia", "peggy", "trent", "victor"];
    private static readonly string[] ExternalDomains = ["example.net", "example.org", "mail.example.net", "partner.example.org", "invoices.example.net"];
    private static readonly string[] Subjects = ["Your invoice is ready", "Action required: verify your account", "Q3 report", "Meeting notes", "Shared document", "Payment confirmation", "Delivery failed", "Updated contract"];
    private static readonly string[] Directions = ["Inbound", "Inbound", "Inbound", "Outbound", "Internal"];
    private static readonly string[] Files = ["invoice", "report", "statement", "contract", "scan", "payroll"];
    private static readonly string[] Extensions = ["pdf", "docx", "xlsx", "zip", "html"];
    private static readonly string[] Mimes = ["application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip", "text/html"];
    private static readonly string[] UrlCategories = ["Business", "Phishing & Fraud", "Malware", "Uncategorized", "File Sharing"];
    private static readonly string[] Ciphers = ["TLS_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384", "TLS_AES_128_GCM_SHA256"];

    /// <summary>A stable, per-account id in Mimecast's style (e.g. <c>C0A1B2C3D</c>).</summary>
    public static string AccountId(string email) =>
        "C" + ((uint)KeyMaterial.StableHash(email.ToUpperInvariant())).ToString("X8", CultureInfo.InvariantCulture);

    /// <summary>Event times with millisecond precision spread over <paramref name="span"/> before <paramref name="end"/>, sorted.</summary>
    public static List<DateTimeOffset> Timestamps(Random r, int count, DateTimeOffset end, TimeSpan span)
    {
        var times = new List<DateTimeOffset>(count);
        long ms = Math.Max(1, (long)span.TotalMilliseconds);
        DateTimeOffset top = TruncateMs(end);
        for (int i = 0; i < count; i++)
        {
            times.Add(top.AddMilliseconds(-(1 + r.NextInt64(ms))));
        }

        times.Sort();
        return times;
    }

    public static DateTimeOffset TruncateMs(DateTimeOffset t)
    {
        DateTimeOffset utc = t.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    public static string AggregateId(Random r, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{RandomId(r, 16)}_{at.ToUnixTimeSeconds()}");

    public static string ProcessingId(Random r, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{RandomId(r, 32)}_{at.ToUnixTimeSeconds()}");

    /// <summary>One event of <paramref name="type"/> (any type; unknown types get the common fields only).</summary>
    public static SimulatorSiemEvent Event(Random r, string type, DateTimeOffset at, string domain, string accountId)
    {
        at = TruncateMs(at);
        string direction = Pick(r, Directions);
        string sender = direction == "Inbound" ? External(r) : User(r, domain);
        string recipient = direction == "Outbound" ? External(r) : User(r, domain);
        string senderDomain = DomainOf(sender);
        var f = new List<KeyValuePair<string, string?>>(24);
        string? subtype = null;
        void Add(string name, string? value) => f.Add(new KeyValuePair<string, string?>(name, value));
        void Message()
        {
            Add("messageId", MessageId(r, senderDomain));
            Add("subject", Pick(r, Subjects));
            Add("senderEnvelope", sender);
            Add("recipients", recipient);
        }

        switch (type)
        {
            case SimulatorSiemEventTypes.Receipt:
            {
                bool rejected = r.Next(10) == 0;
                subtype = rejected ? "Rej" : "Acc";
                Add("action", subtype);
                Add("direction", direction);
                Message();
                Add("senderIp", Ip(r));
                Add("senderHeader", sender);
                Add("rejectionCode", rejected ? "550" : null);
                Add("rejectionInfo", rejected ? "Envelope rejected - sender blocked" : null);
                Add("rejectionType", rejected ? "Blocked Sender" : null);
                Add("receiptErrors", null);
                Add("spamScore", Num(r.Next(0, 21)));
                Add("spamDetectionLevel", "Moderate");
                Add("spamInfo", "[]");
                Add("spamProcessingDetail", "{\"spf\":{\"allow\":true,\"info\":\"SPF_PASS\"},\"dkim\":{\"allow\":true,\"info\":\"DKIM_UNKNOWN\"},\"dmarc\":{\"allow\":true,\"info\":\"DMARC_PASS\"}}");
                Add("tlsCipher", Pick(r, Ciphers));
                Add("tlsVersion", "TLSv1.3");
                Add("virusFound", null);
                Add("numberAttachments", Num(r.Next(0, 3)));
                Add("emailSize", Num(4096 + (131 * sender.Length))); // derived, not drawn: the seeded sequence stays as it was
                break;
            }

            case SimulatorSiemEventTypes.Process:
            {
                int roll = r.Next(10);
                subtype = roll == 0 ? "Hld" : roll == 1 ? "Sdbx" : "Acc";
                int attachments = r.Next(0, 3);
                Add("action", subtype);
                Add("holdReason", subtype == "Hld" ? "Spam Detection" : null);
                Message();
                Add("attachments", attachments == 0 ? null : string.Join(", ", Enumerable.Range(0, attachments).Select(_ => FileName(r))));
                Add("emailSize", Num(r.Next(2000, 90000)));
                Add("numberAttachments", Num(attachments));
                Add("totalSizeAttachments", Num(attachments * r.Next(1000, 40000)));
                break;
            }

            case SimulatorSiemEventTypes.Delivery:
            {
                bool delivered = r.Next(20) != 0;
                subtype = delivered ? "Delivery" : "Failed";
                Message();
                Add("Hostname", "smtp-out." + domain);
                Add("delivered", delivered ? "true" : "false");
                Add("deliveryAttempts", Num(delivered ? 1 : r.Next(2, 6)));
                Add("deliveryErrors", delivered ? null : "Connection timed out");
                Add("deliveryTime", Num(r.Next(80, 4000)));
                Add("destinationIp", Ip(r));
                Add("direction", direction);
                Add("route", direction);
                Add("tlsUsed", "Yes");
                Add("tlsCipher", Pick(r, Ciphers));
                Add("tlsVersion", "TLSv1.3");
                Add("rejectionCode", delivered ? null : "421");
                Add("rejectionInfo", delivered ? null : "Service not available");
                Add("rejectionType", delivered ? null : "Temporary");
                Add("emailSize", Num(r.Next(2000, 90000)));
                break;
            }

            case SimulatorSiemEventTypes.Av:
            {
                subtype = "Virus";
                string ext = Pick(r, Extensions);
                Message();
                Add("fileName", FileName(r, ext));
                Add("fileExtension", ext);
                Hashes(r, Add);
                Add("virusFound", Pick(r, ["Eicar-Test-Signature", "Trojan.Generic", "Heur.Macro.Downloader"]));
                Add("senderIp", Ip(r));
                Add("senderDomain", senderDomain);
                Add("senderDomainInternal", direction == "Inbound" ? "false" : "true");
                Add("route", direction);
                Add("emailSize", Num(r.Next(2000, 90000)));
                break;
            }

            case SimulatorSiemEventTypes.Spam:
                subtype = "Spam";
                Message();
                Add("senderIp", Ip(r));
                Add("senderHeader", sender);
                Add("senderDomain", senderDomain);
                Add("route", direction);
                break;

            case SimulatorSiemEventTypes.ImpersonationProtect:
            {
                bool malicious = r.Next(3) == 0;
                subtype = malicious ? "Hold" : "None";
                Message();
                Add("action", subtype);
                Add("policyDefinition", "Default Impersonation Definition");
                Add("itemsDetected", Num(r.Next(1, 4)));
                Add("taggedExternal", "true");
                Add("taggedMalicious", malicious ? "true" : "false");
                Add("newDomain", Bool(r));
                Add("replyMismatch", Bool(r));
                Add("internalUserName", Bool(r));
                Add("similarInternalDomain", Bool(r));
                Add("similarCustomExternalDomain", "false");
                Add("similarMimecastExternalDomain", Bool(r));
                Add("customThreatDictionary", "false");
                Add("mimecastThreatDictionary", Bool(r));
                Add("customNameMatch", "false");
                Add("senderIp", Ip(r));
                Add("route", direction);
                break;
            }

            case SimulatorSiemEventTypes.UrlProtect:
            {
                bool blocked = r.Next(4) == 0;
                subtype = blocked ? "Block" : "Allow";
                Message();
                Add("action", subtype);
                Add("url", string.Create(CultureInfo.InvariantCulture, $"https://{Pick(r, Files)}.{Pick(r, ExternalDomains)}/{RandomId(r, 6)}"));
                Add("urlCategory", blocked ? Pick(r, ["Phishing & Fraud", "Malware"]) : Pick(r, UrlCategories));
                Add("blockReason", blocked ? "Malicious" : null);
                Add("analysis", blocked ? "[\"Domain reputation: poor\",\"Credential theft page\"]" : "[]");
                Add("sourceIp", Ip(r));
                Add("senderDomain", senderDomain);
                Add("route", direction);
                break;
            }

            case SimulatorSiemEventTypes.AttachmentProtect:
            {
                subtype = Pick(r, ["Safe", "Malicious", "Unsafe"]);
                int i = r.Next(Extensions.Length);
                Add("messageId", MessageId(r, senderDomain));
                Add("subject", Pick(r, Subjects));
                Add("senderEnvelope", sender);
                Add("recipient", recipient);
                Add("fileName", FileName(r, Extensions[i]));
                Add("fileExtension", Extensions[i]);
                Add("fileMime", Mimes[i]);
                Add("sizeAttachment", Num(r.Next(1000, 400000)));
                Hashes(r, Add);
                Add("senderIp", Ip(r));
                Add("senderDomain", senderDomain);
                Add("route", direction);
                break;
            }

            case SimulatorSiemEventTypes.InternalEmailProtect:
                subtype = "Internal";
                Message();
                Add("scanResults", Pick(r, ["Clean", "Malicious URL", "Malicious Attachment"]));
                Add("urlCategory", Pick(r, UrlCategories));
                Add("similarDomain", r.Next(4) == 0 ? "examp1e.com" : null);
                Add("monitoredDomainSource", r.Next(4) == 0 ? "Mimecast" : null);
                Add("route", "Internal");
                break;

            case SimulatorSiemEventTypes.Journal:
                subtype = null;
                Add("direction", direction);
                Add("senderEnvelope", sender);
                Add("recipients", recipient);
                break;

            default:
                Message();
                break;
        }

        return new SimulatorSiemEvent
        {
            Type = type,
            Subtype = subtype,
            Timestamp = at,
            AccountId = accountId,
            AggregateId = AggregateId(r, at),
            ProcessingId = ProcessingId(r, at),
            Fields = f,
        };
    }

    private static void Hashes(Random r, Action<string, string?> add)
    {
        add("md5", Hex(r, 16));
        add("sha1", Hex(r, 20));
        add("sha256", Hex(r, 32));
    }

    private static string Pick(Random r, string[] values) => values[r.Next(values.Length)];

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Bool(Random r) => r.Next(2) == 0 ? "false" : "true";

    private static string User(Random r, string domain) => string.Create(CultureInfo.InvariantCulture, $"{Pick(r, Users)}@{domain}");

    private static string External(Random r) => string.Create(CultureInfo.InvariantCulture, $"{Pick(r, Users)}@{Pick(r, ExternalDomains)}");

    private static string DomainOf(string address) => address[(address.IndexOf('@', StringComparison.Ordinal) + 1)..];

    private static string FileName(Random r, string? ext = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{Pick(r, Files)}_{r.Next(1000, 9999)}.{ext ?? Pick(r, Extensions)}");

    private static string Ip(Random r) => string.Create(CultureInfo.InvariantCulture, $"198.51.100.{r.Next(1, 255)}");

    private static string MessageId(Random r, string host) => string.Create(CultureInfo.InvariantCulture, $"<{r.NextInt64():x16}.{r.Next():x8}@{host}>");

    private static string Hex(Random r, int bytes)
    {
        var b = new byte[bytes];
        r.NextBytes(b);
        return Convert.ToHexStringLower(b);
    }

    private static string RandomId(Random r, int bytes)
    {
        var b = new byte[bytes];
        r.NextBytes(b);
        return KeyMaterial.Base64Url(b);
    }
}
