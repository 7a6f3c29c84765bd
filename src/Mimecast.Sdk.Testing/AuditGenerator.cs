using System.Globalization;

namespace Mimecast.Sdk.Testing;

/// <summary>Realistic, seeded audit events.</summary>
internal static class AuditGenerator
{
    private static readonly string[] Users = ["alice", "bob", "carol", "dave", "erin", "admin", "secops"];

    private static readonly (string AuditType, string Category, string Info)[] Kinds =
    [
        ("User Logged On", "authentication_logs", "Successful authentication for {0}, Application: Mimecast Administration Console, IP: {1}"),
        ("Logon Authentication Failed", "authentication_logs", "Failed authentication for {0}, Reason: Invalid password, IP: {1}"),
        ("Policy Updated", "policy_logs", "Policy Anti-Spoofing updated by {0}, From: Take no action, To: Hold"),
        ("Search Performed", "case_review_logs", "Archive search by {0}, Query: subject:invoice, Time Zone: Europe/London"),
        ("Message Released", "message_release_logs", "Message released from hold by {0}, Reason: False positive"),
        ("API Application Updated", "account_logs", "API application SOC connector updated by {0}, Time Zone: America/New_York"),
    ];

    public static SimulatorAuditEvent Event(Random r, DateTimeOffset at, string domain)
    {
        (string auditType, string category, string info) = Kinds[r.Next(Kinds.Length)];
        string user = string.Create(CultureInfo.InvariantCulture, $"{Users[r.Next(Users.Length)]}@{domain}");
        string ip = string.Create(CultureInfo.InvariantCulture, $"198.51.100.{r.Next(1, 255)}");
        return new SimulatorAuditEvent
        {
            AuditType = auditType,
            Category = category,
            User = user,
            EventTime = LogGenerator.Truncate(at),
            EventInfo = string.Format(CultureInfo.InvariantCulture, info, user, ip) + ", Date: " + at.UtcDateTime.ToString("yyyy-MM-dd, 'Time:' HH:mm:ss 'GMT'", CultureInfo.InvariantCulture),
        };
    }

    public static string NewId(Random r, long sequence)
    {
        var bytes = new byte[30];
        r.NextBytes(bytes);
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), sequence);
        return "eNo" + KeyMaterial.Base64Url(bytes);
    }
}
