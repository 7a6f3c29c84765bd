using System.Diagnostics;
using System.Text.Json;

namespace Mimecast.Cli;

/// <summary>
/// Where a profile's secrets live: the OS store (<see cref="KeyringStore"/>), a 0600 file under the configuration
/// directory (only with <c>--insecure-storage</c>), or nowhere but a user's <c>secret-command</c> whose stdout is the
/// secret. Environment variables override all of these (<see cref="CliContext"/>).
/// </summary>
internal sealed class SecretStore(ConfigStore config)
{
    public const string Keyring = "keyring";
    public const string File = "file";
    public const string None = "none";

    // A secret command that never ends must not hang the CLI.
    private static readonly TimeSpan SecretCommandTimeout = TimeSpan.FromSeconds(30);

    private string FilePathOf(string profile) => Path.Combine(config.Directory, "secrets", profile + ".json");

    /// <summary>Reads the secrets of a profile (the secret command first, then the store it was saved in).</summary>
    /// <exception cref="CliException">The secret command failed, or the store cannot be read (exit code 4).</exception>
    public async Task<ProfileSecrets?> ReadAsync(string name, CliProfile profile, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(profile.SecretCommand))
        {
            string output = await RunSecretCommandAsync(profile.SecretCommand, cancellationToken).ConfigureAwait(false);
            return Interpret(output, profile);
        }

        switch (profile.SecretStorage)
        {
            case File:
                string path = FilePathOf(name);
                if (!System.IO.File.Exists(path))
                {
                    return null;
                }

                await using (FileStream stream = System.IO.File.OpenRead(path))
                {
                    return await JsonSerializer.DeserializeAsync(stream, CliJson.Default.ProfileSecrets, cancellationToken).ConfigureAwait(false);
                }

            case Keyring:
                string? json = KeyringStore.Read(config.Directory, name);
                return json is null ? null : JsonSerializer.Deserialize(json, CliJson.Default.ProfileSecrets);
            default:
                return null;
        }
    }

    /// <summary>
    /// Saves the secrets of a profile in the OS store, or in a 0600 file when <paramref name="insecureStorage"/> and
    /// the OS store is unusable; sets <see cref="CliProfile.SecretStorage"/>.
    /// </summary>
    /// <exception cref="CliException">No OS store works here and <c>--insecure-storage</c> was not given (exit code 4).</exception>
    public async Task SaveAsync(string name, CliProfile profile, ProfileSecrets secrets, bool insecureStorage, CancellationToken cancellationToken)
    {
        config.EnsureDirectory();
        string json = JsonSerializer.Serialize(secrets, CliJson.Default.ProfileSecrets);
        string? keyringProblem = KeyringStore.TryWrite(config.Directory, name, json);
        if (keyringProblem is null)
        {
            DeleteFile(name);
            profile.SecretStorage = Keyring;
            return;
        }

        if (!insecureStorage)
        {
            throw CliException.Credentials(
                $"No usable OS secret store ({keyringProblem}). Use --insecure-storage to keep the secret in a file readable only by you, " +
                "set a secret command (mimecast config set secret-command '...'), or pass the secret in environment variables.");
        }

        string dir = Path.GetDirectoryName(FilePathOf(name))!;
        new ConfigStore(dir).EnsureDirectory();
        await using (FileStream stream = ConfigStore.CreatePrivateFile(FilePathOf(name)))
        {
            await JsonSerializer.SerializeAsync(stream, secrets, CliJson.Default.ProfileSecrets, cancellationToken).ConfigureAwait(false);
        }

        profile.SecretStorage = File;
    }

    /// <summary>Deletes every stored secret of a profile (OS store and file).</summary>
    public void Delete(string name)
    {
        DeleteFile(name);
        KeyringStore.Delete(config.Directory, name);
    }

    private void DeleteFile(string name)
    {
        string path = FilePathOf(name);
        if (System.IO.File.Exists(path))
        {
            System.IO.File.Delete(path);
        }
    }

    private static ProfileSecrets Interpret(string output, CliProfile profile)
    {
        string text = output.Trim();
        if (text.StartsWith('{'))
        {
            try
            {
                return JsonSerializer.Deserialize(text, CliJson.Default.ProfileSecrets) ?? new ProfileSecrets();
            }
            catch (JsonException ex)
            {
                // The message of a JsonException may quote the input: not shown.
                throw CliException.Credentials("The secret command printed an object that is not valid JSON.", ex);
            }
        }

        return profile.Api == "1.0" ? new ProfileSecrets { SecretKey = text } : new ProfileSecrets { ClientSecret = text };
    }

    private static async Task<string> RunSecretCommandAsync(string command, CancellationToken cancellationToken)
    {
        var start = OperatingSystem.IsWindows()
            ? new ProcessStartInfo("cmd.exe") { ArgumentList = { "/d", "/c", command } }
            : new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", command } };
        start.RedirectStandardOutput = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        using Process process = Process.Start(start) ?? throw CliException.Credentials("The secret command could not be started.");
        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SecretCommandTimeout);
        try
        {
            string output = await process.StandardOutput.ReadToEndAsync(timeout.Token).ConfigureAwait(false);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw CliException.Credentials($"The secret command exited with code {process.ExitCode}.");
            }

            return output;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw CliException.Credentials($"The secret command did not finish within {SecretCommandTimeout.TotalSeconds:F0} s.");
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }
}
