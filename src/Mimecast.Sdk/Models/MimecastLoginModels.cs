using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mimecast.Sdk.Models;

/// <summary>How a user's password is checked at login: the <c>Authorization</c> scheme of the login request.</summary>
public enum MimecastAuthType
{
    /// <summary>The Mimecast cloud password (<c>Basic-Cloud</c>).</summary>
    Cloud = 0,

    /// <summary>The domain (Active Directory) password (<c>Basic-AD</c>).</summary>
    Domain = 1,
}

/// <summary>A Mimecast user's login credentials. The password never appears in <see cref="ToString"/>.</summary>
public sealed class MimecastUserCredentials
{
    /// <summary>Creates login credentials.</summary>
    /// <param name="emailAddress">The user's email address.</param>
    /// <param name="password">The user's password (cloud or domain, as <paramref name="authType"/> says).</param>
    /// <param name="authType">Which password this is.</param>
    /// <exception cref="ArgumentException">The email address or password is empty.</exception>
    public MimecastUserCredentials(string emailAddress, string password, MimecastAuthType authType = MimecastAuthType.Cloud)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(emailAddress);
        if (string.IsNullOrEmpty(password))
        {
            throw new ArgumentException("The password is required.", nameof(password));
        }

        EmailAddress = emailAddress;
        Password = password;
        AuthType = authType;
    }

    /// <summary>Gets the user's email address.</summary>
    public string EmailAddress { get; }

    /// <summary>Gets the password (a secret).</summary>
    public string Password { get; }

    /// <summary>Gets which password this is.</summary>
    public MimecastAuthType AuthType { get; }

    /// <summary>Returns a description with the email address and a masked password.</summary>
    public override string ToString() => $"MimecastUserCredentials({EmailAddress}, {AuthType}, Password=***)";
}

/// <summary>An API 1.0 access key binding returned by login or refresh. The secret key never appears in <see cref="ToString"/>.</summary>
public sealed class MimecastAccessKey
{
    /// <summary>Gets the access key.</summary>
    public string? AccessKey { get; init; }

    /// <summary>Gets the secret key (a secret, base64).</summary>
    public string? SecretKey { get; init; }

    /// <summary>Gets how long the binding lasts, in milliseconds, as Mimecast reports it.</summary>
    public long? Duration { get; init; }

    /// <summary>Gets the binding type.</summary>
    public string? BindingType { get; init; }

    /// <summary>Gets the user name the binding belongs to.</summary>
    public string? Username { get; init; }

    /// <summary>Gets a value indicating whether each validated call extends the binding.</summary>
    public bool? ExtendOnValidate { get; init; }

    /// <summary>Gets <see cref="Duration"/> as a <see cref="TimeSpan"/>, if reported.</summary>
    [JsonIgnore]
    public TimeSpan? Lifetime => Duration is { } ms ? TimeSpan.FromMilliseconds(ms) : null;

    /// <summary>Gets or sets fields Mimecast sent that this model does not name yet.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Returns a description with the user and binding type and a masked secret key.</summary>
    public override string ToString() => $"MimecastAccessKey(Username={Username}, BindingType={BindingType}, Duration={Duration}ms, AccessKey=***, SecretKey=***)";
}

/// <summary>The result of discover-authentication: how a user may log in and which regional host serves the account.</summary>
public sealed class MimecastAuthenticationInfo
{
    /// <summary>Gets the email address that was looked up.</summary>
    public string? EmailAddress { get; init; }

    /// <summary>Gets the authentication types the user may use (for example <c>cloud</c>, <c>domain</c>, <c>saml</c>). Open set.</summary>
    public IReadOnlyList<string>? Authenticate { get; init; }

    /// <summary>Gets the fallback authentication types.</summary>
    public IReadOnlyList<string>? AuthenticateFallback { get; init; }

    /// <summary>Gets the email token, if Mimecast sends one.</summary>
    public string? EmailToken { get; init; }

    /// <summary>Gets the account's region.</summary>
    public MimecastRegionInfo? Region { get; init; }

    /// <summary>Gets the account's regional API host, parsed from <see cref="MimecastRegionInfo.Api"/>, if valid.</summary>
    [JsonIgnore]
    public Uri? RegionalBaseUrl => Uri.TryCreate(Region?.Api, UriKind.Absolute, out var uri) ? uri : null;

    /// <summary>Gets or sets fields Mimecast sent that this model does not name yet.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>The region part of a discover-authentication answer.</summary>
public sealed class MimecastRegionInfo
{
    /// <summary>Gets the regional API host, for example <c>https://eu-api.mimecast.com</c>.</summary>
    public string? Api { get; init; }

    /// <summary>Gets or sets fields Mimecast sent that this model does not name yet.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
