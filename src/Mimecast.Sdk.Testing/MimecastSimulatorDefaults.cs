namespace Mimecast.Sdk.Testing;

/// <summary>
/// Credentials of the default demo account of the <see cref="MimecastSimulator"/>.
/// </summary>
/// <remarks>
/// These values are for the simulator only: they are published, fake and never valid against the real
/// Mimecast service. Do not use them (or anything derived from them) for a real Mimecast account.
/// </remarks>
public static class MimecastSimulatorDefaults
{
    /// <summary>Email address (user name) of the demo account. Simulator only.</summary>
    public const string EmailAddress = "demo@example.com";

    /// <summary>Cloud password of the demo account, accepted with <c>Basic-Cloud</c>. Simulator only.</summary>
    public const string CloudPassword = "Simulator-Cloud-Passw0rd!";

    /// <summary>Domain (AD) password of the demo account, accepted with <c>Basic-AD</c>. Simulator only.</summary>
    public const string DomainPassword = "Simulator-Domain-Passw0rd!";

    /// <summary>Application id of the demo account's registered application (the <c>x-mc-app-id</c> header). Simulator only.</summary>
    public const string AppId = "5a1e0c5e-51a0-4d1c-8f3e-5e1f0a9d0001";

    /// <summary>Application key of the demo account's registered application (signed into every API 1.0 request). Simulator only.</summary>
    public const string AppKey = "9b7f3c2a-6d4e-4f1a-b2c3-7a8b9c0d0002";

    /// <summary>Access key of the demo account's pre-provisioned API 1.0 binding. Simulator only.</summary>
    public const string AccessKey = "8zLgNobV_iI5gOX8mGhZQ58EZd-0qD4pkFzYS8r8dzB2J6A6zGWrR_YvB11dnoRi";

    /// <summary>Secret key (standard base64 of 64 bytes) of the demo account's pre-provisioned API 1.0 binding. Simulator only.</summary>
    public const string SecretKey = "/kUd2SmoRzLfnMXkZPWRt7J3r6NjhzzCoId7BRXjgj4/Y/NpFKJxBIkGjYcjBI8kwb3HEztnAp07UC3xhB7WLg==";

    /// <summary>API 2.0 client id of the demo account. Simulator only.</summary>
    public const string ClientId = "sim-demo-client-7c3f9a1e";

    /// <summary>API 2.0 client secret of the demo account. Simulator only.</summary>
    public const string ClientSecret = "sim-demo-secret-4b8e2d6f0a1c3e5f7a9b1d3f5e7c9a0b";

    /// <summary>Record seed of the demo account.</summary>
    public const int Seed = 1;
}
