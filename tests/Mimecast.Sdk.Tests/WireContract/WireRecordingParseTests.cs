using System.Text.Json;
using Mimecast.Sdk.Tests.Infrastructure;
using Mimecast.Sdk.Tests.Siem;

namespace Mimecast.Sdk.Tests.WireContract;

/// <summary>
/// The SDK against the wire-contract corpus (tests/WireContract/recordings): each recorded answer, served for the
/// recorded operation, parses through the client into as many records as were recorded, with their key fields; a
/// recorded failure surfaces as the typed exception with its code. Recordings of both branches of an unconfirmed choice
/// (e.g. the stream's <c>type</c> or <c>eventType</c> spelling) both parse the same.
/// </summary>
public sealed class WireRecordingParseTests
{
    /// <summary>Operations the corpus records that the client does not offer yet (the response actions of the issue "Response actions").</summary>
    private static readonly HashSet<string> NotInTheSdkYet = ["account.get-account"];

    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 3, 7, TimeSpan.Zero);

    public static TheoryData<string> Recordings =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "WireContract", "recordings"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Recordings))]
    public async Task The_sdk_parses_every_recorded_answer(string name)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "WireContract", "recordings", name + ".json")));
        JsonElement recording = doc.RootElement;
        string operation = recording.GetProperty("operation").GetString()!;
        if (NotInTheSdkYet.Contains(operation))
        {
            return;
        }

        JsonElement request = recording.GetProperty("request");
        JsonElement body = recording.GetProperty("response").GetProperty("body");
        var generation = recording.GetProperty("generation").GetString() == "api1" ? MimecastApiGeneration.Api1 : MimecastApiGeneration.Api2;
        await using var h = SdkHarness.Start(generation);
        h.Server.Token();
        string path = request.GetProperty("path").GetString()!;
        h.Server.Given(request.GetProperty("method").GetString() == "GET" ? SiemStubs.Get(path) : Stubs.Post(path))
            .RespondWith(Stubs.Json(body.GetRawText(), recording.GetProperty("response").GetProperty("status").GetInt32()));

        if (body.TryGetProperty("fail", out JsonElement fail) && fail.GetArrayLength() > 0)
        {
            string code = fail[0].GetProperty("errors")[0].GetProperty("code").GetString()!;
            var e = await Assert.ThrowsAnyAsync<MimecastApiException>(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null));
            Assert.Equal(code, e.ErrorCode);
            return;
        }

        switch (operation)
        {
            case "ttp.url.get-logs":
            {
                var page = await h.Client.Ttp.GetUrlLogsPageAsync(null, null);
                JsonElement list = body.GetProperty("data")[0].GetProperty("clickLogs");
                Assert.Equal(list.EnumerateArray().Select(r => r.GetProperty("url").GetString()), page.Items.Select(r => r.Url));
                Assert.Equal(body.GetProperty("meta").GetProperty("pagination").GetProperty("totalCount").GetInt32(), page.TotalCount);
                Assert.NotNull(page.NextPageToken);
                break;
            }

            case "ttp.attachment.get-logs":
            {
                var page = await h.Client.Ttp.GetAttachmentLogsPageAsync(null, null);
                JsonElement list = body.GetProperty("data")[0].GetProperty("attachmentLogs");
                Assert.Equal(list.EnumerateArray().Select(r => r.GetProperty("fileName").GetString()), page.Items.Select(r => r.FileName));
                break;
            }

            case "ttp.impersonation.get-logs":
            {
                var page = await h.Client.Ttp.GetImpersonationLogsPageAsync(null, null);
                JsonElement list = body.GetProperty("data")[0].GetProperty("impersonationLogs");
                Assert.Equal(list.EnumerateArray().Select(r => r.GetProperty("id").GetString()), page.Items.Select(r => r.Id));
                break;
            }

            case "audit.get-audit-events":
            {
                var page = await h.Client.Audit.GetEventsPageAsync(new AuditEventQuery { Start = Now.AddDays(-1), End = Now }, null);
                Assert.Equal(body.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("id").GetString()), page.Items.Select(r => r.Id));
                break;
            }

            case "siem.stream":
            {
                // Both spellings of the unconfirmed type fields (type/subtype, eventType/subType) read the same.
                var page = await h.Client.Siem.GetEventsPageAsync(new SiemEventQuery { Types = [SiemEventType.Receipt], Start = Now.AddHours(-1) }, null);
                Assert.Equal(body.GetProperty("value").GetArrayLength(), page.Events.Count);
                Assert.All(page.Events, e => Assert.Equal(SiemEventType.Receipt, e.Type));
                Assert.All(page.Events, e => Assert.Equal("Acc", e.Subtype));
                Assert.Equal(body.GetProperty("@nextPage").GetString(), page.NextPage);
                Assert.Equal(body.GetProperty("isCaughtUp").GetBoolean(), page.IsCaughtUp);
                break;
            }

            case "siem.batch":
            {
                var page = await h.Client.Siem.GetBatchPageAsync(new SiemBatchQuery(SiemEventType.Receipt), null);
                Assert.Equal(body.GetProperty("value").GetArrayLength(), page.Files.Count);
                Assert.Equal(body.GetProperty("@nextPage").GetString(), page.NextPage);
                break;
            }

            default:
                Assert.Fail($"{name}: no SDK call is mapped for the operation {operation}; add it here or to {nameof(NotInTheSdkYet)}.");
                break;
        }
    }
}
