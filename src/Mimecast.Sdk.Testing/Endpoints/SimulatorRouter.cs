using Microsoft.AspNetCore.Http;

namespace Mimecast.Sdk.Testing;

/// <summary>The one terminal middleware: finds the route of a path and method, or answers 404 / 405 like the Mimecast API.</summary>
internal sealed class SimulatorRouter
{
    private readonly Dictionary<string, SimulatorRoute[]> _routes = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _prefixes = [];
    private readonly SimulatorResponder _responder;
    private readonly TimeProvider _time;

    public SimulatorRouter(SimulatorResponder responder, TimeProvider time, IEnumerable<ISimulatorEndpointFamily> families)
    {
        _responder = responder;
        _time = time;
        foreach (IGrouping<string, SimulatorRoute> path in families.SelectMany(f => f.Routes).GroupBy(r => r.Path, StringComparer.OrdinalIgnoreCase))
        {
            _routes.Add(path.Key, path.ToArray());
            if (path.Key.EndsWith('/'))
            {
                _prefixes.Add(path.Key);
            }
        }
    }

    public async Task HandleAsync(HttpContext http)
    {
        string rawPath = http.Request.Path.Value ?? "/";
        // A route path ending in '/' also answers every path below it (e.g. one file per URL).
        SimulatorRoute[]? routes = _routes.GetValueOrDefault(rawPath)
            ?? _prefixes.Where(p => rawPath.Length > p.Length && rawPath.StartsWith(p, StringComparison.OrdinalIgnoreCase)).Select(p => _routes[p]).FirstOrDefault();
        var ex = new Exchange(http, _time.GetUtcNow(), routes?[0].Path ?? rawPath);
        if (routes is null)
        {
            await _responder.FailAsync(ex, StatusCodes.Status404NotFound, new FailError(SimulatorErrorCodes.NotFound, "0404 The requested operation does not exist")).ConfigureAwait(false);
            return;
        }

        SimulatorRoute? route = Array.Find(routes, r => string.Equals(r.Method, http.Request.Method, StringComparison.OrdinalIgnoreCase));
        if (route is null)
        {
            string allowed = string.Join(", ", routes.Select(r => r.Method));
            http.Response.Headers.Allow = allowed;
            string message = allowed == HttpMethods.Post ? "0405 Every operation is a POST" : "0405 This operation accepts " + allowed;
            await _responder.FailAsync(ex, StatusCodes.Status405MethodNotAllowed, new FailError(SimulatorErrorCodes.MethodNotAllowed, message)).ConfigureAwait(false);
            return;
        }

        ex.ListName = route.ListName;
        await route.Handle(ex).ConfigureAwait(false);
    }
}
