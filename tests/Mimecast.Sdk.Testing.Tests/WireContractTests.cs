using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Mimecast.Sdk.Testing.Tests;

/// <summary>
/// The simulator against the wire-contract corpus (tests/WireContract): for each recorded exchange, the same request
/// answers the same shape (property names, nesting and JSON types; a recorded <c>null</c> or an optional property,
/// present in only some recorded items, is not required). Recordings that pin an unconfirmed choice run with the
/// simulator option of that branch.
/// </summary>
public sealed class WireContractTests
{
    public static TheoryData<string> Recordings => [.. RecordingNames()];

    internal static string[] RecordingNames() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "WireContract", "recordings"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Recordings))]
    public async Task The_simulator_answers_each_recorded_request_with_the_recorded_shape(string name)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "WireContract", "recordings", name + ".json")));
        JsonElement recording = doc.RootElement;
        JsonElement request = recording.GetProperty("request");
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync(o => Apply(recording, o));
        await using (sim)
        using (api)
        {
            sim.Records<SimulatorSiemEvent>().Add(3); // fresh receipts inside every stream window
            string path = request.GetProperty("path").GetString()!;
            string? query = request.TryGetProperty("query", out JsonElement q) ? q.GetString() : null;
            string body = request.TryGetProperty("body", out JsonElement b) ? b.GetRawText() : string.Empty;
            HttpRequestMessage message;
            if (recording.GetProperty("generation").GetString() == "api1")
            {
                message = api.Signed(path, body, Keys.Demo);
            }
            else
            {
                message = new HttpRequestMessage(new HttpMethod(request.GetProperty("method").GetString()!), path.TrimStart('/') + (query is null ? string.Empty : "?" + query));
                if (body.Length > 0)
                {
                    message.Content = new StringContent(body, Encoding.UTF8, "application/json");
                }

                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await api.NewTokenAsync());
            }

            using Reply reply = await api.SendAsync(message);
            JsonElement expected = recording.GetProperty("response");
            Assert.Equal(expected.GetProperty("status").GetInt32(), reply.StatusCode);
            WireShape.AssertSame(expected.GetProperty("body"), reply.Json, "$");
        }
    }

    [Fact]
    public void Every_recording_names_an_operation_and_every_choice_it_pins_is_listed_with_both_branches_in_the_wire_facts()
    {
        using JsonDocument facts = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "WireContract", "wire-facts.json")));
        HashSet<string> operations = [.. facts.RootElement.GetProperty("operations").EnumerateArray().Select(o => o.GetProperty("name").GetString()!)];
        Dictionary<string, JsonElement> choices = facts.RootElement.GetProperty("choices").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("branches"));
        var pinned = new Dictionary<string, HashSet<string>>();
        foreach (string name in RecordingNames())
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "WireContract", "recordings", name + ".json")));
            Assert.Contains(doc.RootElement.GetProperty("operation").GetString()!, operations);
            if (doc.RootElement.TryGetProperty("choices", out JsonElement c))
            {
                foreach (JsonProperty choice in c.EnumerateObject())
                {
                    Assert.True(choices[choice.Name].TryGetProperty(choice.Value.GetString()!, out _), $"{name}: {choice.Name} has no branch {choice.Value}");
                    (pinned.TryGetValue(choice.Name, out HashSet<string>? set) ? set : pinned[choice.Name] = []).Add(choice.Value.GetString()!);
                }
            }
        }

        // A choice the simulator can play both ways is recorded both ways.
        foreach ((string choice, HashSet<string> branches) in pinned)
        {
            Assert.Equal(choices[choice].EnumerateObject().Count(), branches.Count);
        }
    }

    private static void Apply(JsonElement recording, MimecastSimulatorOptions options)
    {
        if (recording.TryGetProperty("choices", out JsonElement choices) && choices.TryGetProperty("siem.streamTypeSpelling", out JsonElement spelling))
        {
            options.Siem.StreamTypeSpelling = spelling.GetString() == "eventType" ? SimulatorSiemTypeSpelling.EventTypeSubType : SimulatorSiemTypeSpelling.TypeSubtype;
        }
    }
}

/// <summary>Compares the shape of two JSON values: property names, nesting and JSON types (not values).</summary>
internal static class WireShape
{
    public static void AssertSame(JsonElement recorded, JsonElement actual, string at)
    {
        if (recorded.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        Assert.True(Kind(recorded) == Kind(actual), $"{at}: recorded {recorded.ValueKind}, simulator answered {actual.ValueKind} ({Clip(actual)})");
        if (recorded.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty p in recorded.EnumerateObject())
            {
                Assert.True(actual.TryGetProperty(p.Name, out JsonElement a), $"{at}: the simulator's answer has no '{p.Name}' ({Clip(actual)})");
                AssertSame(p.Value, a, at + "." + p.Name);
            }
        }
        else if (recorded.ValueKind == JsonValueKind.Array && recorded.GetArrayLength() > 0)
        {
            Assert.True(actual.GetArrayLength() > 0, $"{at}: recorded items, the simulator answered none");
            JsonElement common = Common(recorded);
            foreach (JsonElement item in actual.EnumerateArray())
            {
                AssertSame(common, item, at + "[]");
            }
        }
    }

    /// <summary>The first recorded item, keeping of an object only the properties every recorded item has.</summary>
    private static JsonElement Common(JsonElement array)
    {
        JsonElement first = array[0];
        if (first.ValueKind != JsonValueKind.Object)
        {
            return first;
        }

        HashSet<string> names = [.. first.EnumerateObject().Select(p => p.Name)];
        foreach (JsonElement item in array.EnumerateArray())
        {
            names.IntersectWith(item.ValueKind == JsonValueKind.Object ? item.EnumerateObject().Select(p => p.Name) : []);
        }

        var kept = first.EnumerateObject().Where(p => names.Contains(p.Name)).ToDictionary(p => p.Name, p => p.Value);
        return JsonSerializer.SerializeToElement(kept);
    }

    private static string Kind(JsonElement e) => e.ValueKind is JsonValueKind.True or JsonValueKind.False ? "boolean" : e.ValueKind.ToString();

    private static string Clip(JsonElement e)
    {
        string text = e.GetRawText();
        return text.Length > 300 ? text[..300] + "…" : text;
    }
}
