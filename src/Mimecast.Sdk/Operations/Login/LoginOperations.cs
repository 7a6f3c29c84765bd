using Mimecast.Sdk.Http;

namespace Mimecast.Sdk.Operations;

/// <summary>The login family's descriptors: API 1.0 calls, always sent to an API 1.0 host.</summary>
internal static class LoginOperations
{
    internal static readonly MimecastOperation DiscoverAuthentication = new("discover-authentication", "/api/login/discover-authentication")
    {
        Generations = OperationGenerations.Api1,
    };

    /// <summary>Login may create a binding: never resent once it may have reached Mimecast (its unknown outcome keeps its own message).</summary>
    internal static readonly MimecastOperation Login = new("login", "/api/login/login")
    {
        Generations = OperationGenerations.Api1,
        Idempotency = OperationIdempotency.NonIdempotentWrite,
    };

    internal static readonly MimecastOperation RefreshToken = new("refresh-token", "/api/login/login")
    {
        Generations = OperationGenerations.Api1,
        Idempotency = OperationIdempotency.NonIdempotentWrite,
    };

    internal static readonly MimecastOperation Logout = new("logout", "/api/login/logout")
    {
        Generations = OperationGenerations.Api1,
        Idempotency = OperationIdempotency.IdempotentWrite,
    };
}
