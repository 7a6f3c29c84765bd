using System.Text.Json;

namespace Mimecast.Cli.Tests;

/// <summary>Helpers of the action command tests: runs against the simulator with API 2.0 credentials, reads result lines.</summary>
internal static class ActionTestKit
{
    /// <summary>Runs the CLI against the simulator (API 2.0 credentials), optionally with stdin.</summary>
    public static Task<CliResult> RunAsync(this CliRunner cli, SimulatorFixture sim, string? stdin, params string[] args) =>
        cli.RunAsync(args, stdin, sim.Api2Env);

    /// <summary>Stdout's JSON lines, parsed.</summary>
    public static List<JsonElement> Json(this CliResult result) =>
        [.. result.Lines.Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    /// <summary>A string property of a JSON line, or null.</summary>
    public static string? Str(this JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>Adds a held message to the simulator's queue and returns it with its id.</summary>
    public static SimulatorHeldMessage Hold(this MimecastSimulator sim, string subject, string to = "alice@demo.example", string from = "billing@partner.example") =>
        sim.Records<SimulatorHeldMessage>().Add(new SimulatorHeldMessage { Subject = subject, To = to, From = from, DateReceived = DateTimeOffset.UtcNow.AddMinutes(-5) });

    /// <summary>Whether the held message is still in the queue.</summary>
    public static bool IsHeld(this MimecastSimulator sim, string id) => sim.Records<SimulatorHeldMessage>().All().Any(m => m.Id == id);
}
