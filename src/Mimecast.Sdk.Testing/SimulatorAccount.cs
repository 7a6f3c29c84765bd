using System.Security.Cryptography;
using System.Text;

namespace Mimecast.Sdk.Testing;

/// <summary>
/// One Mimecast customer account / user known to the <see cref="MimecastSimulator"/>: its passwords, its
/// registered application, a pre-provisioned API 1.0 binding and its API 2.0 client credentials.
/// Each account has its own records, bindings, tokens and rate-limit bucket.
/// </summary>
/// <remarks>All values are fake and for the simulator only. <see cref="ToString"/> never shows a secret.</remarks>
public sealed class SimulatorAccount
{
    /// <summary>The user's email address (the login user name).</summary>
    public required string EmailAddress { get; init; }

    /// <summary>The cloud password (checked for <c>Basic-Cloud</c> logins).</summary>
    public required string CloudPassword { get; init; }

    /// <summary>The domain / AD password (checked for <c>Basic-AD</c> logins).</summary>
    public required string DomainPassword { get; init; }

    /// <summary>The registered application's id (<c>x-mc-app-id</c>).</summary>
    public required string AppId { get; init; }

    /// <summary>The registered application's key (part of the API 1.0 string to sign).</summary>
    public required string AppKey { get; init; }

    /// <summary>Access key of the pre-provisioned API 1.0 binding (valid for <see cref="MimecastSimulatorOptions.BindingLifetime"/> from start).</summary>
    public required string AccessKey { get; init; }

    /// <summary>Secret key (standard base64) of the pre-provisioned API 1.0 binding.</summary>
    public required string SecretKey { get; init; }

    /// <summary>API 2.0 client id.</summary>
    public required string ClientId { get; init; }

    /// <summary>API 2.0 client secret.</summary>
    public required string ClientSecret { get; init; }

    /// <summary>Seed of this account's generated records and keys.</summary>
    public int Seed { get; init; }

    /// <summary>What discover-authentication answers in <c>authenticate</c>; <c>domain</c> must be listed for <c>Basic-AD</c> logins to be accepted.</summary>
    public IReadOnlyList<string> AuthenticationTypes { get; init; } = ["cloud", "domain"];

    /// <summary>Creates the default demo account with the values of <see cref="MimecastSimulatorDefaults"/>.</summary>
    /// <returns>The demo account.</returns>
    public static SimulatorAccount CreateDefault() => new()
    {
        EmailAddress = MimecastSimulatorDefaults.EmailAddress,
        CloudPassword = MimecastSimulatorDefaults.CloudPassword,
        DomainPassword = MimecastSimulatorDefaults.DomainPassword,
        AppId = MimecastSimulatorDefaults.AppId,
        AppKey = MimecastSimulatorDefaults.AppKey,
        AccessKey = MimecastSimulatorDefaults.AccessKey,
        SecretKey = MimecastSimulatorDefaults.SecretKey,
        ClientId = MimecastSimulatorDefaults.ClientId,
        ClientSecret = MimecastSimulatorDefaults.ClientSecret,
        Seed = MimecastSimulatorDefaults.Seed,
    };

    /// <summary>
    /// Creates an account whose passwords, application, binding and client credentials are derived
    /// deterministically from <paramref name="emailAddress"/> and <paramref name="seed"/>.
    /// </summary>
    /// <param name="emailAddress">The user's email address.</param>
    /// <param name="seed">The seed of the account's keys and records.</param>
    /// <returns>The new account.</returns>
    public static SimulatorAccount Create(string emailAddress, int seed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(emailAddress);
        byte[] material = SHA512.HashData(Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{emailAddress.ToUpperInvariant()}|{seed}")));
        var random = new Random(BitConverter.ToInt32(material, 0));
        return new SimulatorAccount
        {
            EmailAddress = emailAddress,
            CloudPassword = "Cloud-" + Convert.ToHexStringLower(Bytes(random, 8)),
            DomainPassword = "Domain-" + Convert.ToHexStringLower(Bytes(random, 8)),
            AppId = new Guid(Bytes(random, 16)).ToString(),
            AppKey = new Guid(Bytes(random, 16)).ToString(),
            AccessKey = KeyMaterial.NewAccessKey(random),
            SecretKey = KeyMaterial.NewSecretKey(random),
            ClientId = "sim-client-" + Convert.ToHexStringLower(Bytes(random, 6)),
            ClientSecret = "sim-secret-" + Convert.ToHexStringLower(Bytes(random, 20)),
            Seed = seed,
        };
    }

    /// <summary>Describes the account without any secret.</summary>
    /// <returns>The email address and client id.</returns>
    public override string ToString() => $"SimulatorAccount {EmailAddress} (client {ClientId})";

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
