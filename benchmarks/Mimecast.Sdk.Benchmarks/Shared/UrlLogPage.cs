using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Mimecast.Sdk.Benchmarks.Shared;

/// <summary>Builds a realistic <c>/api/ttp/url/get-logs</c> response page (seeded, so every process builds the same bytes).</summary>
internal static class UrlLogPage
{
    private static readonly string[] Users = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"];
    private static readonly string[] Domains = ["example.net", "example.org", "partner.example.org", "invoices.example.net", "secure-login.example.org"];
    private static readonly string[] Words = ["invoice", "payment", "shipping", "account", "verify", "update", "password", "report", "portal", "docs"];
    private static readonly string[] Subjects = ["Your invoice is ready", "Action required: verify your account", "Q3 report", "Meeting notes", "Shared document", "Payment confirmation"];
    private static readonly string[] Routes = ["inbound", "inbound", "inbound", "outbound", "internal"];
    private static readonly string[] Categories = ["Business", "Search Engines", "Phishing & Fraud", "Malware", "Uncategorized", "File Sharing"];

    public static byte[] Create(int records, int seed = 7)
    {
        var r = new Random(seed);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(records * 1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("meta");
            w.WriteNumber("status", 200);
            w.WriteStartObject("pagination");
            w.WriteNumber("pageSize", records);
            w.WriteNumber("totalCount", records * 40);
            w.WriteString("next", Convert.ToBase64String(Encoding.UTF8.GetBytes("v1.0123456789abcdef.638671234560000000.123456")));
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartArray("data");
            w.WriteStartObject();
            w.WriteStartArray("clickLogs");
            var start = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < records; i++)
            {
                var malicious = r.Next(6) == 0;
                var route = Routes[r.Next(Routes.Length)];
                var sender = $"{Users[r.Next(Users.Length)]}@{Domains[r.Next(Domains.Length)]}";
                w.WriteStartObject();
                w.WriteString("userEmailAddress", $"{Users[r.Next(Users.Length)]}@customer.example.com");
                w.WriteString("fromUserEmailAddress", sender);
                w.WriteString("url", $"https://{Words[r.Next(Words.Length)]}-{Words[r.Next(Words.Length)]}.{Domains[r.Next(Domains.Length)]}/{Words[r.Next(Words.Length)]}?id={r.Next(100000, 999999)}");
                w.WriteString("ttpDefinition", "Default URL Protection Definition");
                w.WriteString("subject", Subjects[r.Next(Subjects.Length)]);
                w.WriteString("action", malicious ? "block" : "allow");
                w.WriteString("adminOverride", "N/A");
                w.WriteString("userOverride", "None");
                w.WriteString("scanResult", malicious ? "malicious" : "clean");
                w.WriteString("category", malicious ? "Phishing & Fraud" : Categories[r.Next(Categories.Length)]);
                w.WriteString("sendingIp", $"198.51.100.{r.Next(1, 255)}");
                w.WriteString("userAwarenessAction", "n/a");
                w.WriteString("date", start.AddSeconds(i * 7).ToString("yyyy-MM-dd'T'HH:mm:ss'+0000'", CultureInfo.InvariantCulture));
                w.WriteString("actions", malicious ? "Block" : "Allow");
                w.WriteString("route", route);
                w.WriteString("creationMethod", "User Click");
                w.WriteStartArray("emailPartsDescription");
                w.WriteStringValue("Body");
                if (r.Next(4) == 0)
                {
                    w.WriteStringValue("Attachment");
                }

                w.WriteEndArray();
                w.WriteString("messageId", $"<{r.NextInt64():x16}.{r.Next():x8}@{sender[(sender.IndexOf('@', StringComparison.Ordinal) + 1)..]}>");
                if (r.Next(5) == 0)
                {
                    // Some clicks carry a tagMap (object of objects of string arrays), as seen in the wild.
                    w.WriteStartObject("tagMap");
                    w.WriteStartObject("UrlScanningResults");
                    w.WriteStartArray("Categories");
                    w.WriteStringValue(malicious ? "Phishing" : "Business");
                    w.WriteEndArray();
                    w.WriteEndObject();
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("fail");
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
