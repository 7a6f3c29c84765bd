using System.Text.Json;

namespace Mimecast.Cli;

/// <summary>
/// The configuration directory (<c>$MIMECAST_CONFIG_DIR</c>, else the per-user config folder + <c>mimecast</c>) and its
/// <c>config.json</c> of profiles and non-secret settings. Written atomically (temp file, then rename), readable only
/// by the user on Unix.
/// </summary>
internal sealed class ConfigStore
{
    public const string FileName = "config.json";

    public ConfigStore(string directory) => Directory = directory;

    /// <summary>Gets the configuration directory.</summary>
    public string Directory { get; }

    /// <summary>Gets the path of the configuration file.</summary>
    public string FilePath => Path.Combine(Directory, FileName);

    /// <summary>The directory for <paramref name="env"/>: <c>MIMECAST_CONFIG_DIR</c>, else the OS per-user config folder.</summary>
    public static ConfigStore For(Func<string, string?> env)
    {
        string? dir = env("MIMECAST_CONFIG_DIR");
        if (string.IsNullOrWhiteSpace(dir))
        {
            // Windows: %APPDATA%; Linux and macOS: $XDG_CONFIG_HOME or ~/.config (as gh).
            string baseDir = Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            dir = Path.Combine(string.IsNullOrEmpty(baseDir) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config") : baseDir, "mimecast");
        }

        return new ConfigStore(Path.GetFullPath(dir));
    }

    /// <summary>Reads the configuration; an absent file is an empty configuration.</summary>
    /// <exception cref="CliException">The file is not valid JSON (exit code 2).</exception>
    public async Task<CliConfigFile> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
        {
            return new CliConfigFile();
        }

        try
        {
            await using FileStream stream = File.OpenRead(FilePath);
            CliConfigFile? config = await JsonSerializer.DeserializeAsync(stream, CliJson.Default.CliConfigFile, cancellationToken).ConfigureAwait(false);
            config ??= new CliConfigFile();
            config.Profiles = new Dictionary<string, CliProfile>(config.Profiles ?? [], StringComparer.Ordinal);
            return config;
        }
        catch (JsonException ex)
        {
            throw CliException.Usage($"{FilePath} is not valid JSON ({ex.Message}); fix or delete it.", ex);
        }
    }

    /// <summary>Writes the configuration atomically.</summary>
    public async Task WriteAsync(CliConfigFile config, CancellationToken cancellationToken)
    {
        EnsureDirectory();
        string temp = FilePath + ".tmp";
        await using (FileStream stream = CreatePrivateFile(temp))
        {
            await JsonSerializer.SerializeAsync(stream, config, CliJson.Default.CliConfigFile, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temp, FilePath, overwrite: true);
    }

    /// <summary>Creates the directory (0700 on Unix).</summary>
    public void EnsureDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Creates (or truncates) a file readable and writable by the user only (0600 on Unix).</summary>
    public static FileStream CreatePrivateFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var stream = new FileStream(path, options);
        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only to a new file; an existing one keeps its mode unless set here.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return stream;
    }
}
