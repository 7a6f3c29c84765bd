using System.Text.Json;

namespace Mimecast.Cli.Tests;

/// <summary>`mimecast held`: every page, one result line per id, exit codes 0/1/3, confirmation, --dry-run, stdin, never sent twice.</summary>
public sealed class HeldCommandTests : IClassFixture<SimulatorFixture>, IDisposable
{
    private const string ReleasePath = "/api/gateway/hold-release";
    private const string RejectPath = "/api/gateway/hold-reject";
    private const string ListPath = "/api/gateway/get-hold-message-list";
    private readonly SimulatorFixture _sim;
    private readonly CliRunner _cli = new();

    public HeldCommandTests(SimulatorFixture sim)
    {
        _sim = sim;
        _sim.Simulator.Faults.Clear();
        _sim.Simulator.Journal.Clear();
    }

    private MimecastSimulator Sim => _sim.Simulator;

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task List_reads_every_page_and_writes_one_json_line_per_message()
    {
        string tag = "pages-" + Guid.NewGuid().ToString("N")[..8];
        string[] ids = [.. Enumerable.Range(0, 7).Select(i => Sim.Hold($"{tag} {i}").Id)];

        CliResult result = await _cli.RunAsync(_sim, null, "held", "list", "--search", tag, "--search-in", "subject", "--page-size", "3");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(ids.Order(), result.Json().Select(l => l.Str("id")!).Order());
        Assert.Equal(3, Sim.Journal.Count(ListPath));
    }

    [Fact]
    public async Task Summary_prints_one_line_per_policy()
    {
        Sim.Hold("summary " + Guid.NewGuid());

        CliResult result = await _cli.RunAsync(_sim, null, "held", "summary");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.Json(), l => l.Str("policyInfo") == "Spam Scanning" && l.GetProperty("numberOfItems").GetInt32() > 0);
    }

    [Fact]
    public async Task Release_with_one_unknown_id_prints_a_line_per_id_and_exits_3()
    {
        string a = Sim.Hold("partial a").Id, b = Sim.Hold("partial b").Id;

        CliResult result = await _cli.RunAsync(_sim, null, "held", "release", a, "eNoNoSuchHeldId", b, "--yes");

        Assert.True(result.ExitCode == 3, result.ToString());
        List<JsonElement> lines = result.Json();
        Assert.Equal([a, "eNoNoSuchHeldId", b], lines.Select(l => l.Str("item")));
        Assert.Equal(["succeeded", "failed", "succeeded"], lines.Select(l => l.Str("status")));
        Assert.Equal("held_release_false", lines[1].Str("errorCode"));
        Assert.False(Sim.IsHeld(a));
        Assert.False(Sim.IsHeld(b));
        Assert.Contains("2 of 3 succeeded", result.Stderr);
    }

    [Fact]
    public async Task Release_where_every_id_fails_exits_1()
    {
        CliResult result = await _cli.RunAsync(_sim, null, "held", "release", "eNoGoneA", "eNoGoneB", "--yes");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.All(result.Json(), l => Assert.Equal("failed", l.Str("status")));
    }

    [Fact]
    public async Task Dry_run_prints_what_would_be_done_and_sends_nothing()
    {
        string id = Sim.Hold("dry run").Id;

        CliResult result = await _cli.RunAsync(_sim, null, "held", "reject", id, "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        JsonElement line = Assert.Single(result.Json());
        Assert.Equal((id, "reject", "dry_run"), (line.Str("item"), line.Str("action"), line.Str("status")));
        Assert.Empty(Sim.Journal.Entries);
        Assert.True(Sim.IsHeld(id));
    }

    [Fact]
    public async Task Without_yes_and_without_a_terminal_the_release_is_refused_and_nothing_is_sent()
    {
        string id = Sim.Hold("no confirmation").Id;

        CliResult result = await _cli.RunAsync(_sim, null, "held", "release", id);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--yes", result.Stderr);
        Assert.Empty(result.Stdout);
        Assert.Equal(0, Sim.Journal.Count(ReleasePath));
        Assert.True(Sim.IsHeld(id));
    }

    [Fact]
    public async Task The_json_lines_of_held_list_pipe_into_release_from_stdin()
    {
        string tag = "pipe-" + Guid.NewGuid().ToString("N")[..8];
        string[] ids = [Sim.Hold(tag + " 1").Id, Sim.Hold(tag + " 2").Id];
        CliResult listed = await _cli.RunAsync(_sim, null, "held", "list", "--search", tag, "--search-in", "subject");

        CliResult result = await _cli.RunAsync(_sim, listed.Stdout + "\n# a comment\n\n", "held", "release", "-", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(ids.Order(), result.Json().Select(l => l.Str("item")!).Order());
        Assert.All(ids, id => Assert.False(Sim.IsHeld(id)));
    }

    [Fact]
    public async Task A_tsv_column_of_ids_with_its_header_pipes_into_reject()
    {
        string tag = "tsv-" + Guid.NewGuid().ToString("N")[..8];
        string[] ids = [Sim.Hold(tag + " 1").Id, Sim.Hold(tag + " 2").Id];
        CliResult listed = await _cli.RunAsync(_sim, null, "held", "list", "--search", tag, "--search-in", "subject", "-o", "tsv", "--fields", "id");

        CliResult result = await _cli.RunAsync(_sim, listed.Stdout, "held", "reject", "-", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(ids.Order(), result.Json().Select(l => l.Str("item")!).Order());
    }

    [Fact]
    public async Task A_lost_answer_is_checked_in_the_held_queue_and_the_release_is_sent_once()
    {
        string id = Sim.Hold("answer lost").Id;
        Sim.Faults.Enqueue(SimulatorFault.AppliedAnswerLost, 1, ReleasePath);

        CliResult result = await _cli.RunAsync(_sim, null, "held", "release", id, "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        JsonElement line = Assert.Single(result.Json());
        Assert.Equal(("succeeded", "checked_by_read"), (line.Str("status"), line.Str("outcome")));
        Assert.Equal(1, Sim.Journal.Count(ReleasePath));
    }

    [Fact]
    public async Task An_unknown_outcome_is_reported_per_id_with_what_to_check_and_never_resent()
    {
        string id = Sim.Hold("outcome unknown").Id;
        Sim.Faults.Enqueue(SimulatorFault.AppliedAnswerLost, 1, RejectPath);
        Sim.Faults.Enqueue(SimulatorFault.FailEnvelope, 50, ListPath);

        CliResult result = await _cli.RunAsync(_sim, null, "held", "reject", id, "--yes", "--reason-type", "MESSAGE GOES AGAINST EMAIL POLICIES");

        Assert.True(result.ExitCode == 1, result.ToString());
        JsonElement line = Assert.Single(result.Json());
        Assert.Equal("outcome_unknown", line.Str("status"));
        Assert.Contains("mimecast held list", line.Str("whatToCheck"));
        Assert.Contains($"warning: {id}: outcome unknown", result.Stderr);
        Assert.Equal(1, Sim.Journal.Count(RejectPath));
    }

    [Fact]
    public async Task Refused_credentials_during_a_release_exit_4_and_leave_the_messages_held()
    {
        string id = Sim.Hold("refused credentials").Id;
        var env = new Dictionary<string, string?>(_sim.Api2Env) { ["MIMECAST_CLIENT_SECRET"] = "not-the-secret" };

        CliResult result = await _cli.RunAsync(["held", "release", id, "--yes"], null, env);

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("mimecast auth login", result.Stderr);
        Assert.DoesNotContain("not-the-secret", result.Stdout + result.Stderr);
        Assert.Equal(0, Sim.Journal.Count(ReleasePath));
        Assert.True(Sim.IsHeld(id));
    }

    [Fact]
    public async Task No_ids_at_all_is_a_usage_error()
    {
        CliResult result = await _cli.RunAsync(_sim, "\n# nothing\n", "held", "release", "-", "--yes");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("no items given", result.Stderr);
        Assert.Empty(Sim.Journal.Entries);
    }
}
