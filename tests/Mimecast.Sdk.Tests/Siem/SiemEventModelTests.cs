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
    public void An_event_built_with_ExtensionData_keeps_a_copy_and_round_trips()
    {
        var fields = new Dictionary<string, JsonElement> { ["action"] = JsonDocument.Parse("\"Hld\"").RootElement };
        var e = new SiemEvent { Type = SiemEventType.Receipt, AggregateId = "agg-1", ExtensionData = fields };

        fields["senderIp"] = JsonDocument.Parse("\"192.0.2.10\"").RootElement;

        Assert.Null(e.GetString("senderIp"));
        Assert.Equal("Hld", e.GetString("action"));
        var written = JsonSerializer.Serialize(e);
        Assert.Contains("\"action\":\"Hld\"", written, StringComparison.Ordinal);
        Assert.DoesNotContain("senderIp", written, StringComparison.Ordinal);
    }

    [Fact]
    public void The_received_rest_cannot_be_changed_by_a_reader()
    {
        var e = JsonSerializer.Deserialize<SiemEvent>(Line)!;

        var asWritable = Assert.IsAssignableFrom<IDictionary<string, JsonElement>>(e.ExtensionData);
        Assert.Throws<NotSupportedException>(() => asWritable["senderIp"] = JsonDocument.Parse("\"198.51.100.1\"").RootElement);
        Assert.Equal("192.0.2.10", e.GetString("senderIp"));
    }

    [Fact]
    public void Many_threads_reading_the_rest_at_once_all_see_the_same_complete_fields()
    {
        const int Readers = 8;
        for (var round = 0; round < 200; round++)
        {
            var e = JsonSerializer.Deserialize<SiemEvent>(Line)!;
            var dictionaries = new IReadOnlyDictionary<string, JsonElement>?[Readers];
            var values = new string?[Readers];
            using var start = new Barrier(Readers);
            var threads = Enumerable.Range(0, Readers).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                dictionaries[i] = e.ExtensionData;
                values[i] = e.GetString("numberAttachments");
            })).ToList();
            threads.ForEach(static t => t.Start());
            threads.ForEach(static t => t.Join());

            Assert.All(dictionaries, d => Assert.Same(dictionaries[0], d));
            Assert.Equal(["senderIp", "spamInfo", "numberAttachments"], dictionaries[0]!.Keys);
            Assert.All(values, v => Assert.Equal("2", v));
        }
    }

    [Fact]
    public void An_event_with_only_typed_fields_has_no_ExtensionData()
    {
        var e = JsonSerializer.Deserialize<SiemEvent>("""{"timestamp":1,"type":"process","aggregateId":"a"}""")!;

        Assert.Null(e.ExtensionData);
        Assert.Null(e.GetString("type"));
    }
}
