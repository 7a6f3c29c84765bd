using Microsoft.AspNetCore.Http;

namespace Mimecast.Sdk.Testing;

/// <summary>Assembles the endpoint families of one simulator: the registration seam.</summary>
internal static class SimulatorEndpoints
{
    public static RequestDelegate Create(SimulatorCore core, SimulatorOperations operations, string? controlToken, SiemCore siem)
    {
        var responder = new SimulatorResponder(core, operations.Journal);
        var injector = new FaultInjector(core, operations.Faults, responder);
        var auth = new CallerAuth(core, responder, injector);
        var kit = new EndpointKit(core, responder, injector, auth);
        List<ISimulatorEndpointFamily> families =
        [
            new AuthenticationEndpoints(core, responder, injector, auth),
            new TtpLogEndpoints(kit),
            new SiemEndpoints(siem, new SiemGate(siem, responder, injector, operations.Faults)),
            new SiemFileEndpoint(siem, responder, operations.Faults),
            new AuditEndpoints(kit, siem),
            new AccountEndpoints(kit),
            new UrlEndpoints(kit),
            new SenderEndpoints(kit),
            new HeldEndpoints(kit),
            new MessageFinderEndpoints(kit),
            new RemediationEndpoints(kit),
            new DirectoryEndpoints(kit),
        ];
        if (controlToken is not null)
        {
            families.Add(new ControlEndpoints(core, operations, controlToken));
        }

        return new SimulatorRouter(responder, core.Settings.Time, families).HandleAsync;
    }
}
