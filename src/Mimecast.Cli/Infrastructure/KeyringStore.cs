using System.Text;
using Microsoft.Identity.Client.Extensions.Msal;

namespace Mimecast.Cli;

/// <summary>
/// The OS secret store through Microsoft.Identity.Client.Extensions.Msal's <see cref="Storage"/>: DPAPI on Windows, the
/// Keychain on macOS, libsecret (the desktop keyring) on Linux. One item per configuration directory and profile. On
/// a headless Linux box without a keyring the store's own check fails and the caller falls back or refuses.
/// </summary>
internal static class KeyringStore
{
    private const string Schema = "com.mimecast.cli";

    /// <summary>Reads the secret of a profile, or null when none is stored.</summary>
    /// <exception cref="CliException">The store cannot be read (exit code 4).</exception>
    public static string? Read(string configDirectory, string profile)
    {
        try
        {
            byte[] data = Open(configDirectory, profile).ReadData();
            return data.Length == 0 ? null : Encoding.UTF8.GetString(data);
        }
        catch (Exception ex) when (ex is MsalCachePersistenceException or InvalidOperationException or DllNotFoundException or IOException)
        {
            throw CliException.Credentials($"The OS secret store could not be read ({ex.GetType().Name}); log in again or set the MIMECAST_* environment variables.", ex);
        }
    }

    /// <summary>Stores the secret of a profile; returns null on success, else why the OS store is unusable here.</summary>
    public static string? TryWrite(string configDirectory, string profile, string secret)
    {
        try
        {
            Storage storage = Open(configDirectory, profile);
            storage.VerifyPersistence();
            storage.WriteData(Encoding.UTF8.GetBytes(secret));
            return null;
        }
        catch (Exception ex) when (ex is MsalCachePersistenceException or InvalidOperationException or DllNotFoundException or EntryPointNotFoundException
            or PlatformNotSupportedException or IOException or TypeInitializationException)
        {
            return OperatingSystem.IsLinux()
                ? "no usable keyring (libsecret with an unlocked collection is needed)"
                : $"{ex.GetType().Name} from the OS store";
        }
    }

    /// <summary>Removes the secret of a profile, if any (errors ignored: nothing may be stored there).</summary>
    public static void Delete(string configDirectory, string profile)
    {
        try
        {
            Open(configDirectory, profile).Clear(ignoreExceptions: true);
        }
        catch (Exception ex) when (ex is MsalCachePersistenceException or InvalidOperationException or DllNotFoundException or IOException or TypeInitializationException)
        {
            // Nothing stored, or no store on this machine.
        }
    }

    private static Storage Open(string configDirectory, string profile)
    {
        string dir = Path.Combine(configDirectory, "secrets");
        new ConfigStore(dir).EnsureDirectory();
        StorageCreationProperties properties = new StorageCreationPropertiesBuilder(profile + ".keyring", dir)
            .WithMacKeyChain("mimecast-cli", configDirectory + ":" + profile)
            .WithLinuxKeyring(Schema, "default", $"mimecast CLI secret of profile {profile}",
                new KeyValuePair<string, string>("profile", profile), new KeyValuePair<string, string>("config", configDirectory))
            .Build();
        return Storage.Create(properties);
    }
}
