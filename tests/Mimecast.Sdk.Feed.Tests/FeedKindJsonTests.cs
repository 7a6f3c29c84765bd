using System.Text.Json;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Feed.Tests;

/// <summary>Feed kinds as durable keys: wire names, checkpoints with and without a SIEM cursor, stored SIEM and audit events.</summary>
public sealed class FeedKindJsonTests : IDisposable
{
    private static readonly DateTimeOffset T = new(2026, 11, 24, 10, 3, 7, TimeSpan.Zero);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mimecast-feed-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("url")]
    [InlineData("attachment")]
    [InlineData("impersonation")]
    [InlineData("audit")]
    [InlineData("siem:receipt")]
    [InlineData("siem:url protect")]
    [InlineData("siem:a-type-mimecast-adds-later")]
    public void WireNames_RoundTrip(string name)
    {
        Assert.True(MimecastFeedKind.TryParse(name, out var kind));
        Assert.Equal(name, kind.Name);
        Assert.Equal(kind, MimecastFeedKind.Parse(kind.ToString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Url")]
    [InlineData("siem:")]
    [InlineData("siem:Receipt")]
    [InlineData("ttp")]
    public void InvalidWireNames_AreRefused(string? name) => Assert.False(MimecastFeedKind.TryParse(name, out _));

    [Fact]
    public void Kinds_KeepTheExistingTtpNames_AndSiemTypesAreCaseInsensitive()
    {
        Assert.Equal("url", ((MimecastFeedKind)TtpEventKind.Url).Name);
        Assert.Equal(MimecastFeedKind.TtpImpersonation, MimecastFeedKind.FromTtp(TtpEventKind.Impersonation));
        Assert.Equal(MimecastFeedKind.Siem(SiemEventType.Receipt), MimecastFeedKind.Siem(new SiemEventType("RECEIPT")));
        Assert.Equal(SiemEventType.UrlProtect, MimecastFeedKind.Siem(SiemEventType.UrlProtect).SiemType);
        Assert.Equal(MimecastFeedSource.Audit, MimecastFeedKind.Audit.Source);
    }

    [Fact]
    public void Options_SelectKinds_InReadingOrder_AndRefuseNone()
    {
        var options = new MimecastIncidentFeedOptions
        {
            Kinds = TtpEventKinds.Url | TtpEventKinds.Impersonation,
            IncludeAuditEvents = true,
            SiemEventTypes = [SiemEventType.Receipt, new SiemEventType("Receipt"), SiemEventType.Journal],
        };
        Assert.Equal(["url", "impersonation", "audit", "siem:receipt", "siem:journal"], options.GetSelectedKinds().Select(k => k.Name));
        Assert.Equal(options.GetSelectedKinds(), options.Clone().GetSelectedKinds());

        var none = new MimecastIncidentFeedOptions { Kinds = TtpEventKinds.None };
        Assert.Throws<ArgumentException>(() => new MimecastIncidentFeed(new FakeMimecastClient(), new InMemoryCheckpointStoreForTests(), none));
    }

    [Fact]
    public async Task ACheckpointFile_WrittenBeforeCursorsExisted_StillLoads()
    {
        var store = new FileCheckpointStore(_dir);
        await store.SaveAsync("acme", MimecastFeedState.Empty.With(TtpEventKind.Url, new MimecastFeedCheckpoint(T)));
        var path = Directory.GetFiles(_dir, "checkpoint.*.json").Single();
        await File.WriteAllTextAsync(path, """
            {"format":"mimecast-feed-checkpoint","version":2,"customerName":"acme","generation":1,
             "checkpoints":{"url":{"time":"2026-11-24T10:03:07+00:00","delivered":{"a#1":"2026-11-24T10:03:07+00:00"}},
                            "impersonation":{"time":"2026-11-24T10:02:00+00:00","delivered":{}}}}
            """);

        var loaded = (await new FileCheckpointStore(_dir).LoadStateAsync("acme"))!;
        Assert.Equal(T, loaded.Get(MimecastFeedKind.TtpUrl)!.Time);
        Assert.Null(loaded.Get(MimecastFeedKind.TtpUrl)!.Cursor);
        Assert.Equal(["a#1"], loaded.Get(MimecastFeedKind.TtpUrl)!.Delivered.Keys);
        Assert.NotNull(loaded.Get(TtpEventKind.Impersonation));
    }

    [Fact]
    public async Task ACheckpointFile_WithSiemCursorAndAudit_RoundTrips()
    {
        var receipt = MimecastFeedKind.Siem(SiemEventType.Receipt);
        var state = MimecastFeedState.Empty
            .With(TtpEventKind.Url, new MimecastFeedCheckpoint(T))
            .With(MimecastFeedKind.Audit, new MimecastFeedCheckpoint(T, [KeyValuePair.Create("audit:7", T)]))
            .With(receipt, new MimecastFeedCheckpoint(T, [KeyValuePair.Create("siem:receipt:ab", T)], "c3RyZWFtLmN1cnNvcg=="));
        await new FileCheckpointStore(_dir).SaveAsync("acme", state);

        var loaded = (await new FileCheckpointStore(_dir).LoadStateAsync("acme"))!;
        Assert.Equal(3, loaded.Checkpoints.Count);
        Assert.Equal("c3RyZWFtLmN1cnNvcg==", loaded.Get(receipt)!.Cursor);
        Assert.Equal(["siem:receipt:ab"], loaded.Get(receipt)!.Delivered.Keys);
        Assert.Null(loaded.Get(MimecastFeedKind.Audit)!.Cursor);
        Assert.Equal(["audit:7"], loaded.Get(MimecastFeedKind.Audit)!.Delivered.Keys);
        var json = MimecastFeedJson.SerializeState(loaded);
        Assert.Contains("\"siem:receipt\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"cursor\": null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void StoredSiemAndAuditEvents_RoundTrip_WithTheirFieldsAndKind()
    {
        var siem = JsonSerializer.Deserialize<SiemEvent>("""
            {"timestamp":1764000000123,"type":"receipt","subtype":"Allow","aggregateId":"agg-1","processingId":"p-1",
             "messageId":"<m@x>","recipients":"bob@example.com","senderIp":"192.0.2.7","spamScore":3,"tags":["a","b"]}
            """)!;
        var kind = MimecastFeedKind.Siem(SiemEventType.Receipt);
        var stored = MimecastFeedJson.DeserializeEvent(MimecastFeedJson.SerializeEvent(MimecastFeedEvent.ForSiem(kind, "acme", "siem:receipt:x", siem.Timestamp!.Value, siem)));
        Assert.Equal(kind, stored.Kind);
        Assert.Equal("siem:receipt:x", stored.Id);
        Assert.Equal(siem.Timestamp, stored.SiemEvent!.Timestamp);
        Assert.Equal("agg-1", stored.SiemEvent.AggregateId);
        Assert.Equal("192.0.2.7", stored.SiemEvent.GetString("senderIp"));
        Assert.Equal("3", stored.SiemEvent.GetString("spamScore"));
        Assert.Equal(["a", "b"], JsonSerializer.Deserialize<string[]>(stored.SiemEvent.GetString("tags")!)!);

        var audit = new AuditEvent { Id = "a-1", AuditType = "Logon", User = "admin@example.com", EventTime = T, Category = "authentication_logs" };
        var storedAudit = MimecastFeedJson.DeserializeEvent(MimecastFeedJson.SerializeEvent(MimecastFeedEvent.ForAudit("acme", "audit:a-1", T, audit)));
        Assert.Equal(MimecastFeedKind.Audit, storedAudit.Kind);
        Assert.Equal("Logon", storedAudit.AuditEvent!.AuditType);
        Assert.Equal(T, storedAudit.AuditEvent.EventTime);
        Assert.Throws<ArgumentException>(() => MimecastFeedEvent.ForSiem(MimecastFeedKind.Audit, "acme", "x", T, siem));
    }

    [Fact]
    public void Record_IsTheOneRecordOfEveryKind_SoASinkNeedNotSwitchOnFiveProperties()
    {
        var url = FeedTestData.Url(T);
        var attachment = FeedTestData.Attachment(T);
        var impersonation = FeedTestData.Impersonation("i-1", T);
        var audit = new AuditEvent { Id = "a-1", AuditType = "Logon", EventTime = T };
        var siem = JsonSerializer.Deserialize<SiemEvent>("""{"timestamp":1764000000123,"type":"receipt"}""")!;

        Assert.Same(url, MimecastFeedEvent.ForUrl("acme", "u", T, url).Record);
        Assert.Same(attachment, MimecastFeedEvent.ForAttachment("acme", "a", T, attachment).Record);
        Assert.Same(impersonation, MimecastFeedEvent.ForImpersonation("acme", "i", T, impersonation).Record);
        Assert.Same(audit, MimecastFeedEvent.ForAudit("acme", "audit:a-1", T, audit).Record);
        Assert.Same(siem, MimecastFeedEvent.ForSiem(MimecastFeedKind.Siem(SiemEventType.Receipt), "acme", "s", T, siem).Record);
        Assert.IsType<TtpUrlLog>(MimecastFeedJson.DeserializeEvent(MimecastFeedJson.SerializeEvent(MimecastFeedEvent.ForUrl("acme", "u", T, url))).Record);
    }
}
