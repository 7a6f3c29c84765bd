namespace Mimecast.Sdk.Testing;

/// <summary>
/// What every endpoint of the kit composes: the shared state, the envelope writer, the credential and quota checks and
/// the fault injector. A family takes one of these and builds its routes from <see cref="PagedEnvelopeEndpoint{T}"/>,
/// <see cref="ActionEndpoint"/> (per-item writes and reads) or its own handler.
/// </summary>
internal sealed class EndpointKit(SimulatorCore core, SimulatorResponder responder, FaultInjector injector, CallerAuth auth)
{
    public SimulatorCore Core { get; } = core;

    public SimulatorResponder Responder { get; } = responder;

    public FaultInjector Injector { get; } = injector;

    public CallerAuth Auth { get; } = auth;
}
