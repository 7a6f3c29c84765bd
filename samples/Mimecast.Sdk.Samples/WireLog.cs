using System.Diagnostics;
using System.Globalization;

namespace Mimecast.Sdk.Samples;

/// <summary>
/// An optional handler added to the SDK's HttpClient (innermost, so it sees every attempt as sent): prints each
/// request with the quota Mimecast reported, and how long the SDK held a request because the quota was empty.
/// Prints paths and headers only, never a body or credential.
/// </summary>
internal sealed class WireLog(WireStats stats) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (stats.OnSend() is { } held)
        {
            Console.WriteLine($"      … quota empty: the SDK held the next request for {held.TotalSeconds:0.00} s");
        }

        var response = await base.SendAsync(request, cancellationToken);
        var remaining = Header(response, "X-RateLimit-Remaining");
        var reset = Header(response, "X-RateLimit-Reset");
        stats.OnAnswer((int)response.StatusCode == 429, remaining == "0");

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"      POST {request.RequestUri?.AbsolutePath,-36} {(int)response.StatusCode}  quota left {remaining ?? "?"}/{Header(response, "X-RateLimit-Limit") ?? "?"}, refill in {reset ?? "?"} ms"));
        return response;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}

/// <summary>What <see cref="WireLog"/> saw, shared by every handler instance the HttpClient factory builds.</summary>
internal sealed class WireStats
{
    private readonly Lock _gate = new();
    private long _exhaustedAt;

    public int Requests { get; private set; }

    public int TooManyRequests { get; private set; }

    public TimeSpan Held { get; private set; }

    /// <summary>Counts a request; returns how long it was held if the previous answer said the quota was empty.</summary>
    public TimeSpan? OnSend()
    {
        lock (_gate)
        {
            Requests++;
            if (_exhaustedAt == 0)
            {
                return null;
            }

            var held = Stopwatch.GetElapsedTime(_exhaustedAt);
            Held += held;
            _exhaustedAt = 0;
            return held;
        }
    }

    public void OnAnswer(bool tooMany, bool exhausted)
    {
        lock (_gate)
        {
            TooManyRequests += tooMany ? 1 : 0;
            if (tooMany || exhausted)
            {
                _exhaustedAt = Stopwatch.GetTimestamp();
            }
        }
    }
}

/// <summary>The closing table: one row per scenario.</summary>
internal sealed class Summary
{
    private readonly List<string[]> _rows = [["Operation", "API", "Result", "Requests", "429s (server)", "Requests during wait", "Held"]];

    public void Add(string operation, string generation, string result, int requests, string tooMany, string duringWait, TimeSpan held) =>
        _rows.Add([operation, generation, result, requests.ToString(CultureInfo.InvariantCulture), tooMany, duringWait, held == TimeSpan.Zero ? "-" : $"{held.TotalSeconds:0.00} s"]);

    public void Print()
    {
        var widths = Enumerable.Range(0, _rows[0].Length).Select(c => _rows.Max(r => r[c].Length)).ToArray();
        Console.WriteLine();
        for (var i = 0; i < _rows.Count; i++)
        {
            Console.WriteLine(string.Join("  ", _rows[i].Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
            if (i == 0)
            {
                Console.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
            }
        }
    }
}
