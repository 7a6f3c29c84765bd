namespace Mimecast.Sdk.Testing;

/// <summary>
/// One family of simulated endpoints (authentication, TTP logs, …). Adding a family is adding one class that
/// implements this interface and one line in <see cref="SimulatorEndpoints.Create"/>.
/// </summary>
internal interface ISimulatorEndpointFamily
{
    /// <summary>The routes this family answers; a path belongs to exactly one family.</summary>
    IEnumerable<SimulatorRoute> Routes { get; }
}

/// <summary>One method and path with the handler that answers it.</summary>
/// <param name="Method">The HTTP method (e.g. <c>POST</c>).</param>
/// <param name="Path">The request path, matched ordinal and case-insensitive.</param>
/// <param name="Handle">Answers the request (every answer goes through <see cref="SimulatorResponder"/>).</param>
/// <param name="ListName">The name of the record list in a successful answer, if any (used by the malformed-JSON fault).</param>
internal sealed record SimulatorRoute(string Method, string Path, Func<Exchange, Task> Handle, string ListName = "items");
