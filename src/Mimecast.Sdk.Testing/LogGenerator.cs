using System.Globalization;

namespace Mimecast.Sdk.Testing;

/// <summary>Realistic, seeded TTP records.</summary>
internal static class LogGenerator
{
    private static readonly string[] Users = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter"];
    private static readonly string[] ExternalDomains = ["example.net", "example.org", "mail.example.net", "partner.example.org", "invoices.example.net", "secure-login.example.org"];
    private static readonly string[] Words = ["invoice", "payment", "shipping", "account", "verify", "update", "password", "report", "meeting", "contract", "benefits", "payroll", "delivery", "secure", "docs", "portal"];
    private static readonly string[] Subjects = ["Your invoice is ready", "Action required: verify your account", "Q3 report", "Meeting notes", "Shared document", "Payment confirmation", "Delivery failed", "Password expires today", "Updated contract", "Benefits enrolment"];
    private static readonly string[] Routes = ["inbound", "inbound", "inbound", "outbound", "internal"];
    private static readonly string[] Categories = ["Business", "Search Engines", "Phishing & Fraud", "Malware", "Uncategorized", "File Sharing", "News"];
    private static readonly string[] FileTypes = ["pdf", "docx", "xlsx", "zip", "html", "xlsm"];
    private static readonly string[] Identifiers = ["similar_internal_domain", "newly_observed_domain", "internal_user_name", "reply_address_mismatch", "targeted_threat_dictionary", "custom_external_domain"];

    public static List<DateTimeOffset> Timestamps(Random random, int count, DateTimeOffset end, TimeSpan span)
    {
        var times = new List<DateTimeOffset>(count);
        long seconds = Math.Max(1, (long)span.TotalSeconds);
        DateTimeOffset top = Truncate(end);
        while (times.Count < count)
        {
            DateTimeOffset t = top.AddSeconds(-(1 + random.NextInt64(seconds)));

            // About a third of the events come in bursts that share one second.
            int burst = random.Next(3) == 0 ? random.Next(2, 5) : 1;
            for (int i = 0; i < burst && times.Count < count; i++)
            {
                times.Add(t);
            }
        }

        times.Sort();
        return times;
    }

    public static DateTimeOffset Truncate(DateTimeOffset t)
    {
        DateTimeOffset utc = t.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    public static SimulatorUrlLog Url(Random r, DateTimeOffset at, string domain)
    {
        bool malicious = r.Next(6) == 0;
        string route = Pick(r, Routes);
        string sender = Sender(r, route, domain);
        return new SimulatorUrlLog
        {
            Date = at,
            UserEmailAddress = User(r, domain),
            FromUserEmailAddress = sender,
            Url = string.Create(CultureInfo.InvariantCulture, $"https://{Pick(r, Words)}-{Pick(r, Words)}.{Pick(r, ExternalDomains)}/{Pick(r, Words)}?id={r.Next(100000, 999999)}"),
            TtpDefinition = "Default URL Protection Definition",
            Subject = Pick(r, Subjects),
            Action = malicious ? "block" : "allow",
            AdminOverride = "N/A",
            UserOverride = "None",
            ScanResult = malicious ? "malicious" : "clean",
            Category = malicious ? (r.Next(2) == 0 ? "Phishing & Fraud" : "Malware") : Pick(r, Categories),
            SendingIp = Ip(r),
            UserAwarenessAction = "n/a",
            Actions = malicious ? "Block" : "Allow",
            Route = route,
            CreationMethod = "User Click",
            EmailPartsDescription = r.Next(4) == 0 ? ["Body", "Attachment"] : ["Body"],
            MessageId = MessageId(r, sender),
        };
    }

    public static SimulatorAttachmentLog Attachment(Random r, DateTimeOffset at, string domain)
    {
        int roll = r.Next(20);
        string result = roll switch { 0 or 1 => "malicious", 2 => "timeout", 3 => "error", 4 => "unsafe", _ => "safe" };
        string route = Pick(r, Routes);
        string sender = Sender(r, route, domain);
        string type = Pick(r, FileTypes);
        var hash = new byte[32];
        r.NextBytes(hash);
        return new SimulatorAttachmentLog
        {
            Date = at,
            Result = result,
            SenderAddress = sender,
            RecipientAddress = User(r, domain),
            FileName = string.Create(CultureInfo.InvariantCulture, $"{Pick(r, Words)}_{r.Next(1000, 9999)}.{type}"),
            FileType = type,
            ActionTriggered = result is "malicious" or "unsafe" ? "attachment removed" : "none",
            Route = route,
            Details = result switch { "malicious" => "Malicious: Trojan.Generic", "unsafe" => "Unsafe: macro", "timeout" => "Scan timed out", "error" => "Scan error", _ => "Safe" },
            Definition = "Default Attachment Protection Definition",
            MessageId = MessageId(r, sender),
            FileHash = Convert.ToHexStringLower(hash),
            Subject = Pick(r, Subjects),
        };
    }

    public static SimulatorImpersonationLog Impersonation(Random r, DateTimeOffset at, string domain, long sequence)
    {
        string sender = string.Create(CultureInfo.InvariantCulture, $"{Pick(r, Users)}@{Pick(r, ExternalDomains)}");
        int hits = r.Next(1, 4);
        var ids = new List<string>();
        while (ids.Count < hits)
        {
            string id = Pick(r, Identifiers);
            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        bool malicious = hits >= 2 && r.Next(2) == 0;
        return new SimulatorImpersonationLog
        {
            Id = NewImpersonationId(r, sequence),
            EventTime = at,
            SenderAddress = sender,
            RecipientAddress = User(r, domain),
            Subject = Pick(r, Subjects),
            Definition = "Default Impersonation Definition",
            Hits = hits,
            Identifiers = ids,
            Action = malicious ? "hold" : "none",
            TaggedExternal = true,
            TaggedMalicious = malicious,
            SenderIpAddress = Ip(r),
            MessageId = MessageId(r, sender),
            ImpersonationResults = [new SimulatorImpersonationResult { ImpersonationDomainSource = "InternalUserList", StringSimilarToDomain = domain }],
        };
    }

    public static SimulatorHeldMessage Held(Random r, DateTimeOffset at, string domain)
    {
        string route = Pick(r, Routes);
        bool spam = r.Next(3) > 0;
        return new SimulatorHeldMessage
        {
            DateReceived = at,
            From = Sender(r, route, domain),
            To = User(r, domain),
            Subject = Pick(r, Subjects),
            Reason = spam ? "Relaxed Spam Detection" : "Attachment Management",
            ReasonCode = spam ? "spam" : "attachment",
            PolicyInfo = spam ? "Spam Scanning" : "Block Dangerous File Types",
            Route = route.ToUpperInvariant(),
            HasAttachments = !spam || r.Next(4) == 0,
            Size = r.Next(1_000, 500_000),
            SenderIp = Ip(r),
        };
    }

    public static string NewImpersonationId(Random r, long sequence)
    {
        var bytes = new byte[24];
        r.NextBytes(bytes);
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), sequence);
        return "MTOKEN:eNq" + KeyMaterial.Base64Url(bytes);
    }

    private static string Pick(Random r, string[] values) => values[r.Next(values.Length)];

    private static string User(Random r, string domain) => string.Create(CultureInfo.InvariantCulture, $"{Pick(r, Users)}@{domain}");

    private static string Sender(Random r, string route, string domain) =>
        route == "inbound" ? string.Create(CultureInfo.InvariantCulture, $"{Pick(r, Users)}@{Pick(r, ExternalDomains)}") : User(r, domain);

    private static string Ip(Random r) => string.Create(CultureInfo.InvariantCulture, $"198.51.100.{r.Next(1, 255)}");

    private static string MessageId(Random r, string sender)
    {
        int at = sender.IndexOf('@', StringComparison.Ordinal);
        string host = at >= 0 ? sender[(at + 1)..] : "example.net";
        return string.Create(CultureInfo.InvariantCulture, $"<{r.NextInt64():x16}.{r.Next():x8}@{host}>");
    }
}
