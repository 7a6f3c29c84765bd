using Microsoft.AspNetCore.Http;

namespace Mimecast.Sdk.Testing;

/// <summary>Assembles the endpoint families of one simulator: the registration seam.</summary>
internal static class SimulatorEndpoints
{
    public static RequestDelegate Create(SimulatorCore core, SimulatorJournal journal, SimulatorFaults faults, SiemCore siem)
    {
        var responder = new SimulatorResponder(core, journal);
        var injector = new FaultInjector(core, faults, responder);
        var auth = new CallerAuth(core, responder, injector);
        ISimulatorEndpointFamily[] families =
        [
            new AuthenticationEndpoints(core, responder, injector, auth),
            new TtpLogEndpoints(core, responder, auth),
            new SiemEndpoints(siem, new SiemGate(siem, responder, injector, faults)),
            new SiemFileEndpoint(siem, responder, faults),
            new AuditEndpoints(siem, responder, auth),
        ];
        return new SimulatorRouter(responder, core.Settings.Time, families).HandleAsync;
    }
}
