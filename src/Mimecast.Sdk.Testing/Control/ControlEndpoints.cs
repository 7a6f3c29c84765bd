using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Mimecast.Sdk.Testing;

/// <summary>
/// The HTTP control API (<c>/_simulator/…</c>), for test suites in any language: the same
/// <see cref="SimulatorOperations"/> the .NET API calls, behind a bearer token. Control calls are not journaled
/// and take nothing from any rate-limit bucket.
/// </summary>
internal sealed class ControlEndpoints(SimulatorCore core, SimulatorOperations operations, string controlToken) : ISimulatorEndpointFamily
{
    public const string Prefix = "/_simulator";

    /// <summary>The one records route, <c>/_simulator/records/{kind}</c>: every kind of <see cref="RecordKinds"/>.</summary>
    public const string RecordsPrefix = "/records/";

    private readonly byte[] _tokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(controlToken));

    public IEnumerable<SimulatorRoute> Routes =>
    [
        Get("/journal", Journal),
        Get("/counters", _ => ControlJson.Counters(operations.GetCounters())),
        Post("/faults", EnqueueFault),
        Post("/faults/rates", SetFaultRates),
        Post("/faults/force-rate-limit", ForceRateLimit),
        Post("/faults/clear", _ => Done(operations.Faults.Clear)),
        Post("/rate-limit", SetRateLimit),
        Post("/lifetimes", SetLifetimes),
        Post("/page-tokens", SetPageTokens),
        Post("/records/siem-batch-files", AddSiemBatchFiles),
        Post("/urls/rewrite", RewriteUrl),
        new(HttpMethods.Post, Prefix + RecordsPrefix, ex => ServeAsync(ex, request => AddRecords(ex.Http.Request.Path.Value![(Prefix.Length + RecordsPrefix.Length)..], request))),
        Post("/tokens/expire", body => Done(() => operations.ExpireTokens(ControlJson.OptionalString(body.Body, "account")))),
        Post("/bindings/expire", body => Done(() => operations.ExpireBindings(ControlJson.OptionalString(body.Body, "account")))),
        Post("/reset", _ => Done(operations.Reset)),
    ];

    private SimulatorRoute Get(string path, Func<ControlRequest, byte[]> handle) => new(HttpMethods.Get, Prefix + path, ex => ServeAsync(ex, handle));

    private SimulatorRoute Post(string path, Func<ControlRequest, byte[]> handle) => new(HttpMethods.Post, Prefix + path, ex => ServeAsync(ex, handle));

    private async Task ServeAsync(Exchange ex, Func<ControlRequest, byte[]> handle)
    {
        HttpResponse response = ex.Http.Response;
        if (!Authorized(ex.Http.Request.Headers.Authorization))
        {
            response.Headers.WWWAuthenticate = "Bearer realm=\"mimecast-simulator-control\"";
            await WriteAsync(ex, 401, ControlJson.Error("unauthorized", "The control API needs Authorization: Bearer <control token> (printed at start, or set with --control-token).")).ConfigureAwait(false);
            return;
        }

        byte[] body;
        int status = 200;
        try
        {
            using var buffer = new MemoryStream();
            await ex.Http.Request.Body.CopyToAsync(buffer, ex.Aborted).ConfigureAwait(false);
            using JsonDocument? doc = buffer.Length == 0 ? null : JsonDocument.Parse(buffer.ToArray());
            if (doc is not null && doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("The body must be a JSON object.");
            }

            body = handle(new ControlRequest(doc?.RootElement, ex.Http.Request.Query));
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException)
        {
            status = 400;
            body = ControlJson.Error("bad_request", e is JsonException ? "The body is not valid JSON." : e.Message);
        }

        await WriteAsync(ex, status, body).ConfigureAwait(false);
    }

    private bool Authorized(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] presented = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[7..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, _tokenHash);
    }

    private static async Task WriteAsync(Exchange ex, int status, byte[] body)
    {
        HttpResponse response = ex.Http.Response;
        response.StatusCode = status;
        response.ContentType = SimulatorResponder.JsonContentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, ex.Aborted).ConfigureAwait(false);
    }

    private static byte[] Done(Action action)
    {
        action();
        return ControlJson.Ok();
    }

    /// <summary><c>{"url":"https://original"}</c> → <c>{"ok":true,"url":"https://protect-eu.mimecast.com/s/…"}</c>, a link decode-url turns back (<see cref="SimulatorUrls.Rewrite"/>).</summary>
    private static byte[] RewriteUrl(ControlRequest request)
    {
        string url = ControlJson.OptionalString(request.Body, "url") ?? throw new ArgumentException("url is required.");
        string rewritten = SimulatorUrls.Rewrite(url);
        return JsonOut.Write(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("ok", true);
            w.WriteString("url", rewritten);
            w.WriteEndObject();
        });
    }

    private byte[] Journal(ControlRequest request)
    {
        int since = request.QueryInt("since") ?? 0;
        IReadOnlyList<SimulatorJournalEntry> entries = operations.Journal.Entries;
        return ControlJson.Journal(entries, Math.Min(Math.Max(0, since), entries.Count));
    }

    private byte[] EnqueueFault(ControlRequest request)
    {
        SimulatorFault fault = ControlJson.ParseFault(ControlJson.RequiredString(request.Body, "fault"));
        int count = ControlJson.OptionalInt(request.Body, "count") ?? 1;
        string? path = ControlJson.OptionalString(request.Body, "path");
        operations.Faults.Enqueue(fault, count, path);
        return ControlJson.Write(w => w.WriteNumber("pendingFaults", operations.Faults.PendingCount));
    }

    private byte[] SetFaultRates(ControlRequest request)
    {
        SimulatorFaults f = operations.Faults;
        JsonElement? b = request.Body;

        // Validate everything before changing anything, so a bad value leaves the rates as they were.
        (string Name, Action<double> Set)[] rates =
        [
            ("serverError", v => f.ServerErrorRate = v),
            ("latency", v => f.LatencyRate = v),
            ("failEnvelope", v => f.FailEnvelopeRate = v),
            ("malformedJson", v => f.MalformedJsonRate = v),
            ("htmlErrorPage", v => f.HtmlErrorPageRate = v),
            ("droppedConnection", v => f.DroppedConnectionRate = v),
            ("rateLimited", v => f.RateLimitedRate = v),
        ];
        var changes = new List<Action>();
        foreach ((string name, Action<double> set) in rates)
        {
            if (ControlJson.OptionalDouble(b, name) is { } rate)
            {
                if (double.IsNaN(rate) || rate is < 0 or > 1)
                {
                    throw new ArgumentException($"{name} is a probability between 0 and 1.");
                }

                changes.Add(() => set(rate));
            }
        }

        if (ControlJson.OptionalMilliseconds(b, "latencyMs") is { } latency)
        {
            changes.Add(() => f.LatencyDuration = latency);
        }

        if (ControlJson.OptionalMilliseconds(b, "rateLimitedResetMs") is { } reset)
        {
            changes.Add(() => f.RateLimitedReset = reset);
        }

        changes.ForEach(c => c());
        return ControlJson.FaultRates(f);
    }

    private byte[] ForceRateLimit(ControlRequest request)
    {
        TimeSpan reset = ControlJson.OptionalMilliseconds(request.Body, "resetMs") ?? throw new ArgumentException("resetMs is required.");
        if (reset <= TimeSpan.Zero)
        {
            throw new ArgumentException("resetMs must be positive.");
        }

        operations.Faults.ForceRateLimit(reset);
        return ControlJson.Ok();
    }

    private byte[] SetRateLimit(ControlRequest request)
    {
        operations.SetRateLimit(
            ControlJson.OptionalInt(request.Body, "limit"),
            ControlJson.OptionalSeconds(request.Body, "windowSeconds"),
            ControlJson.OptionalBool(request.Body, "enabled"));
        SimulatorSettings s = core.Settings;
        return ControlJson.Write(w =>
        {
            w.WriteNumber("limit", s.RateLimit);
            w.WriteNumber("windowSeconds", s.RateWindow.TotalSeconds);
            w.WriteBoolean("enabled", s.RateLimitEnabled);
        });
    }

    private byte[] SetPageTokens(ControlRequest request)
    {
        operations.SetPageTokens(ControlJson.RequiredString(request.Body, "mode").ToLowerInvariant() switch
        {
            "position" => SimulatorPageTokens.Position,
            "offset" => SimulatorPageTokens.Offset,
            _ => throw new ArgumentException("mode must be position or offset."),
        });
        return ControlJson.Write(w => w.WriteString("mode", core.Settings.OffsetPageTokens ? "offset" : "position"));
    }

    private byte[] SetLifetimes(ControlRequest request)
    {
        operations.SetLifetimes(ControlJson.OptionalSeconds(request.Body, "tokenSeconds"), ControlJson.OptionalSeconds(request.Body, "bindingSeconds"));
        SimulatorSettings s = core.Settings;
        return ControlJson.Write(w =>
        {
            w.WriteNumber("tokenSeconds", s.TokenLifetime.TotalSeconds);
            w.WriteNumber("bindingSeconds", s.BindingLifetime.TotalSeconds);
        });
    }

    /// <summary>
    /// <c>POST /_simulator/records/{kind}</c> with <c>count</c>, <c>at</c> or <c>ageSeconds</c>, <c>account</c> and, for
    /// <c>siem</c>, the event <c>type</c>: generates records and answers their sequences (and ids, for kinds that have them).
    /// </summary>
    private byte[] AddRecords(string kindName, ControlRequest request)
    {
        IRecordKind kind = operations.Records.Find(kindName) ?? throw new ArgumentException($"There is no record kind '{kindName}'.");
        JsonElement? b = request.Body;
        string? variant = kind.VariantName is { } field ? ControlJson.RequiredString(b, field) : null;
        (int count, DateTimeOffset? at) = CountAndTime(b);
        IReadOnlyList<RecordStamp> added = kind.Add(count, at, variant, ControlJson.OptionalString(b, "account"));
        return ControlJson.Write(w =>
        {
            w.WriteNumber("added", added.Count);
            w.WriteString("kind", variant is null ? kind.Kind : kind.Kind + ":" + variant);
            if (added.Count > 0)
            {
                w.WriteString("timestamp", JsonOut.WireDate(added[0].Time));
            }

            w.WriteStartArray("sequences");
            foreach (RecordStamp r in added)
            {
                w.WriteNumberValue(r.Sequence);
            }

            w.WriteEndArray();
            if (kind.ReportsIds)
            {
                w.WriteStartArray("ids");
                foreach (RecordStamp r in added)
                {
                    w.WriteStringValue(r.Id);
                }

                w.WriteEndArray();
            }
        });
    }

    private byte[] AddSiemBatchFiles(ControlRequest request)
    {
        JsonElement? b = request.Body;
        string type = ControlJson.RequiredString(b, "type");
        int count = ControlJson.OptionalInt(b, "count") ?? 1;
        int bytes = ControlJson.OptionalInt(b, "uncompressedBytes") ?? 1_000_000;
        if (count is < 0 or > 1_000 || bytes is < 1 or > 200_000_000)
        {
            throw new ArgumentException("count must be between 0 and 1000 and uncompressedBytes between 1 and 200000000.");
        }

        IReadOnlyList<SimulatorSiemBatchFile> added = operations.AddSiemBatchFiles(type, count, bytes, ControlJson.OptionalString(b, "account"));
        return ControlJson.Write(w =>
        {
            w.WriteNumber("added", added.Count);
            w.WriteString("kind", "siem-batch:" + type.ToLowerInvariant());
        });
    }

    private (int Count, DateTimeOffset? At) CountAndTime(JsonElement? b)
    {
        int count = ControlJson.OptionalInt(b, "count") ?? 1;
        DateTimeOffset? at = ControlJson.OptionalString(b, "at") is { } text
            ? (RequestFields.TryParseIsoDate(text, out DateTimeOffset parsed) ? parsed : throw new ArgumentException("at must be an ISO 8601 date with an offset, e.g. 2026-11-20T10:00:00+0000."))
            : null;
        if (ControlJson.OptionalSeconds(b, "ageSeconds") is { } age)
        {
            at = (at ?? core.Settings.Time.GetUtcNow()) - age;
        }

        if (count is < 0 or > 100_000)
        {
            throw new ArgumentException("count must be between 0 and 100000.");
        }

        return (count, at);
    }
}

/// <summary>A control request: its JSON body (null when empty) and query string.</summary>
internal sealed record ControlRequest(JsonElement? Body, IQueryCollection Query)
{
    public int? QueryInt(string name) =>
        Query.TryGetValue(name, out Microsoft.Extensions.Primitives.StringValues v) && int.TryParse(v.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : null;
}
