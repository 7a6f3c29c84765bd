using System.Text.Json;

namespace Mimecast.Cli.Tests;

/// <summary>auth login/status/switch/logout against the simulator: exit codes 0, 2 and 4, and secrets absent from output and files.</summary>
public sealed class AuthCommandTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private Dictionary<string, string?> BaseUrl => new() { ["MIMECAST_BASE_URL"] = sim.BaseUrl };

    [Fact]
    public async Task Login_with_a_secret_command_stores_no_secret_and_status_checks_it()
    {
        // The secret lives outside the configuration directory, as in a password manager; the command only names it.
        string secretFile = Path.Combine(Path.GetTempPath(), "mimecast-cli-test-secret-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(secretFile, MimecastSimulatorDefaults.ClientSecret);
        using var cleanup = new FileDeleter(secretFile);
        string command = $"cat '{secretFile}'";
        CliResult login = await _cli.RunAsync(["auth", "login", "--client-id", MimecastSimulatorDefaults.ClientId, "--secret-command", command], env: BaseUrl);
        Assert.True(login.ExitCode == 0, login.ToString());

        CliResult status = await _cli.RunAsync("auth", "status");
        Assert.True(status.ExitCode == 0, status.ToString());
        using JsonDocument row = JsonDocument.Parse(status.Lines[0]);
        Assert.Equal("valid", row.RootElement.GetProperty("status").GetString());
        Assert.Equal("secret-command", row.RootElement.GetProperty("secret").GetString());
        AssertNowhere(MimecastSimulatorDefaults.ClientSecret, login, status);
    }

    [Fact]
    public async Task Login_from_stdin_with_insecure_storage_keeps_the_secret_only_in_a_0600_file()
    {
        CliResult login = await _cli.RunAsync(["auth", "login", "--client-id", MimecastSimulatorDefaults.ClientId, "--with-secret-stdin", "--insecure-storage"],
            stdin: MimecastSimulatorDefaults.ClientSecret + "\n", env: BaseUrl);
        Assert.True(login.ExitCode == 0, login.ToString());

        CliResult debug = await _cli.RunAsync("api", "/api/account/get-account", "--debug");
        Assert.True(debug.ExitCode == 0, debug.ToString());
        Assert.Contains("request-id=", debug.Stderr);
        Assert.DoesNotContain("Bearer", debug.Stderr, StringComparison.OrdinalIgnoreCase);

        var holding = _cli.ConfigFiles().Where(f => f.Text.Contains(MimecastSimulatorDefaults.ClientSecret, StringComparison.Ordinal)).Select(f => f.Path).ToList();
        string file = Assert.Single(holding);
        Assert.Equal(Path.Combine(_cli.ConfigDir, "secrets", "default.json"), file);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        AssertNotInOutput(MimecastSimulatorDefaults.ClientSecret, login, debug);
    }

    [Fact]
    public async Task Login_without_a_secret_store_is_refused_unless_insecure_storage_is_asked_for()
    {
        CliResult login = await _cli.RunAsync(["auth", "login", "--client-id", MimecastSimulatorDefaults.ClientId, "--with-secret-stdin"],
            stdin: MimecastSimulatorDefaults.ClientSecret + "\n", env: BaseUrl);

        if (login.ExitCode == 0)
        {
            // A machine with a working keyring: the secret went there, into no file of ours.
            Assert.DoesNotContain(_cli.ConfigFiles(), f => f.Text.Contains(MimecastSimulatorDefaults.ClientSecret, StringComparison.Ordinal));
            return;
        }

        Assert.True(login.ExitCode == 4, login.ToString());
        Assert.Contains("--insecure-storage", login.Stderr);
        Assert.False(File.Exists(Path.Combine(_cli.ConfigDir, "config.json")));
        AssertNowhere(MimecastSimulatorDefaults.ClientSecret, login);
    }

    [Fact]
    public async Task A_refused_secret_exits_4_and_saves_nothing()
    {
        const string wrong = "definitely-not-the-secret-0123456789";
        CliResult login = await _cli.RunAsync(["auth", "login", "--client-id", MimecastSimulatorDefaults.ClientId, "--with-secret-stdin", "--insecure-storage"],
            stdin: wrong + "\n", env: BaseUrl);

        Assert.True(login.ExitCode == 4, login.ToString());
        Assert.False(File.Exists(Path.Combine(_cli.ConfigDir, "config.json")));
        AssertNowhere(wrong, login);
    }

    [Fact]
    public async Task Api1_keys_from_stdin_then_email_login_creates_keys_for_a_second_profile_and_switch_moves_between_them()
    {
        var env = new Dictionary<string, string?>(BaseUrl) { ["MIMECAST_PROFILE"] = null };
        string keys = $"{MimecastSimulatorDefaults.AppKey}\n{MimecastSimulatorDefaults.AccessKey}\n{MimecastSimulatorDefaults.SecretKey}\n";
        CliResult one = await _cli.RunAsync(["auth", "login", "--profile", "keys", "--app-id", MimecastSimulatorDefaults.AppId, "--with-secret-stdin", "--insecure-storage"],
            stdin: keys, env: env);
        Assert.True(one.ExitCode == 0, one.ToString());

        CliResult two = await _cli.RunAsync(["auth", "login", "--profile", "user", "--app-id", MimecastSimulatorDefaults.AppId, "--email", MimecastSimulatorDefaults.EmailAddress,
            "--with-secret-stdin", "--insecure-storage"], stdin: $"{MimecastSimulatorDefaults.CloudPassword}\n{MimecastSimulatorDefaults.AppKey}\n", env: env);
        Assert.True(two.ExitCode == 0, two.ToString());

        CliResult account = await _cli.RunAsync("api", "/api/account/get-account");
        Assert.True(account.ExitCode == 0, account.ToString());

        CliResult switched = await _cli.RunAsync("auth", "switch", "keys");
        Assert.Equal(0, switched.ExitCode);
        CliResult status = await _cli.RunAsync("auth", "status");
        Assert.True(status.ExitCode == 0, status.ToString());
        using (JsonDocument first = JsonDocument.Parse(status.Lines[0]))
        {
            Assert.Equal("keys", first.RootElement.GetProperty("profile").GetString());
            Assert.True(first.RootElement.GetProperty("current").GetBoolean());
        }

        CliResult unknown = await _cli.RunAsync("auth", "switch", "nope");
        Assert.Equal(2, unknown.ExitCode);

        CliResult logout = await _cli.RunAsync("auth", "logout", "--profile", "keys");
        Assert.Equal(0, logout.ExitCode);
        Assert.False(File.Exists(Path.Combine(_cli.ConfigDir, "secrets", "keys.json")));
        string config = await File.ReadAllTextAsync(Path.Combine(_cli.ConfigDir, "config.json"));
        Assert.DoesNotContain("\"keys\"", config);
        foreach (string secret in new[] { MimecastSimulatorDefaults.SecretKey, MimecastSimulatorDefaults.AppKey, MimecastSimulatorDefaults.CloudPassword })
        {
            Assert.DoesNotContain(secret, config);
            AssertNotInOutput(secret, one, two, account, status, logout);
        }
    }

    [Fact]
    public async Task No_credentials_at_all_exits_4_with_how_to_log_in()
    {
        CliResult result = await _cli.RunAsync(["api", "/api/account/get-account"], env: BaseUrl);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("mimecast auth login", result.Stderr);
        CliResult status = await _cli.RunAsync("auth", "status");
        Assert.Equal(4, status.ExitCode);
    }

    private void AssertNowhere(string secret, params CliResult[] results)
    {
        AssertNotInOutput(secret, results);
        Assert.DoesNotContain(_cli.ConfigFiles(), f => f.Text.Contains(secret, StringComparison.Ordinal));
    }

    private static void AssertNotInOutput(string secret, params CliResult[] results)
    {
        foreach (CliResult r in results)
        {
            Assert.DoesNotContain(secret, r.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, r.Stderr, StringComparison.Ordinal);
        }
    }

    private sealed class FileDeleter(string path) : IDisposable
    {
        public void Dispose() => File.Delete(path);
    }
}
