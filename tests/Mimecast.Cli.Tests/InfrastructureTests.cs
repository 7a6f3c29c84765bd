using System.Text.Json.Serialization;

namespace Mimecast.Cli.Tests;

/// <summary>The parts of the shared infrastructure whose rules are easiest to pin without a process: time arguments and output shapes.</summary>
public sealed class InfrastructureTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 15, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("60s", 60)]
    [InlineData("90m", 5400)]
    [InlineData("24h", 86400)]
    [InlineData("7d", 604800)]
    [InlineData("1h30m", 5400)]
    [InlineData("250ms", 0.25)]
    [InlineData("45", 45)]
    public void Durations_parse_the_documented_units(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Durations.ParseDuration(text));

    [Theory]
    [InlineData("soon")]
    [InlineData("5x")]
    [InlineData("-5m")]
    [InlineData("")]
    public void A_duration_that_does_not_parse_is_a_usage_error(string text)
    {
        var ex = Assert.Throws<CliException>(() => Durations.ParseDuration(text));
        Assert.Equal(ExitCodes.Usage, ex.ExitCode);
    }

    [Theory]
    [InlineData("now", "2026-12-06T15:30:00Z")]
    [InlineData("24h", "2026-12-05T15:30:00Z")]
    [InlineData("today", "2026-12-06T00:00:00Z")]
    [InlineData("yesterday", "2026-12-05T00:00:00Z")]
    [InlineData("2026-12-05T00:00:00Z", "2026-12-05T00:00:00Z")]
    [InlineData("2026-12-05T02:00:00+02:00", "2026-12-05T00:00:00Z")]
    [InlineData("2026-12-01", "2026-12-01T00:00:00Z")]
    public void Instants_are_relative_to_now_or_absolute(string text, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Durations.ParseInstant(text, Now));

    [Fact]
    public void An_instant_without_an_offset_is_refused_rather_than_guessed() =>
        Assert.Equal(ExitCodes.Usage, Assert.Throws<CliException>(() => Durations.ParseInstant("2026-12-05T00:00:00", Now)).ExitCode);

    [Fact]
    public async Task Tsv_escapes_tabs_newlines_and_backslashes_so_each_record_stays_one_line()
    {
        string text = await WriteAsync(OutputFormat.Tsv, null, new Row("a\tb", "line1\nline2\\x"));

        Assert.Equal("name\tnote\na\\tb\tline1\\nline2\\\\x\n", text);
    }

    [Fact]
    public async Task Fields_pick_and_order_json_properties_and_columns()
    {
        string jsonl = await WriteAsync(OutputFormat.Jsonl, ["note", "name"], new Row("n", "x+y"));
        string tsv = await WriteAsync(OutputFormat.Tsv, ["note"], new Row("n", "x"));

        Assert.Equal("{\"note\":\"x+y\",\"name\":\"n\"}\n", jsonl);
        Assert.Equal("note\nx\n", tsv);
    }

    [Fact]
    public async Task Json_output_is_one_array_and_empty_results_are_an_empty_array()
    {
        Assert.Equal("[]\n", await WriteAsync(OutputFormat.Json, null));
        string two = await WriteAsync(OutputFormat.Json, null, new Row("a", null), new Row("b", null));
        Assert.Equal(2, System.Text.Json.JsonDocument.Parse(two).RootElement.GetArrayLength());
    }

    private static async Task<string> WriteAsync(OutputFormat format, string[]? fields, params Row[] rows)
    {
        var text = new StringWriter { NewLine = "\n" };
        var writer = new OutputWriter(text, format, fields, color: false);
        await writer.WriteAsync(rows.ToAsyncEnumerable(), TestJson.Default.Row, [new("name", r => r.Name), new("note", r => r.Note)], CancellationToken.None);
        return text.ToString();
    }
}

public sealed record Row(string Name, string? Note);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Row))]
internal sealed partial class TestJson : JsonSerializerContext;
