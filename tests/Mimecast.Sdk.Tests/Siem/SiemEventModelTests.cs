using System.Text.Json;

namespace Mimecast.Sdk.Tests.Siem;

/// <summary>The typed fields and the untyped rest of a SIEM event, read through the public model only.</summary>
public class SiemEventModelTests
{
    private const string Line = """{"timestamp":1732530645000,"type":"receipt","subtype":"Acc","aggregateId":"agg-1","senderIp":"192.0.2.10","spamInfo":{"score":3},"numberAttachments":"2","messageId":"<m@example.com>"}""";

    [Fact]
    public void The_untyped_rest_is_in_ExtensionData_and_GetString_and_the_typed_fields_are_not()
    {
        var e = JsonSerializer.Deserialize<SiemEvent>(Line)!;

        Assert.Equal("192.0.2.10", e.GetString("senderIp"));
        Assert.Equal("""{"score":3}""", e.GetString("spamInfo"));
        Assert.Null(e.GetString("aggregateId"));
        Assert.Null(e.GetString("absent"));
        Assert.Equal(["senderIp", "spamInfo", "numberAttachments"], e.ExtensionData!.Keys);
        Assert.Equal("agg-1", e.AggregateId);
        Assert.Equal("<m@example.com>", e.MessageId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1732530645000), e.Timestamp);
    }

    [Fact]
    public void An_assigned_ExtensionData_replaces_the_received_rest_and_round_trips()
    {
        var e = JsonSerializer.Deserialize<SiemEvent>(Line)!;

        e.ExtensionData = new Dictionary<string, JsonElement> { ["action"] = JsonDocument.Parse("\"Hld\"").RootElement };

        Assert.Null(e.GetString("senderIp"));
        Assert.Equal("Hld", e.GetString("action"));
        var written = JsonSerializer.Serialize(e);
        Assert.Contains("\"action\":\"Hld\"", written, StringComparison.Ordinal);
        Assert.DoesNotContain("senderIp", written, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_with_only_typed_fields_has_no_ExtensionData()
    {
        var e = JsonSerializer.Deserialize<SiemEvent>("""{"timestamp":1,"type":"process","aggregateId":"a"}""")!;

        Assert.Null(e.ExtensionData);
        Assert.Null(e.GetString("type"));
    }
}
