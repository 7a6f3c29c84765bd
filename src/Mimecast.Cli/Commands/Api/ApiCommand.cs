using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mimecast.Sdk;

namespace Mimecast.Cli.Commands.Api;

/// <summary>
/// <c>mimecast api &lt;path&gt;</c>: the escape hatch. Any path, signed (API 1.0) or with a token (API 2.0), through the
/// SDK's pipeline (rate limits, retries; a POST is never resent once it may have arrived unless <c>--idempotent</c>).
/// The answer is printed as Mimecast sent it (indented on a terminal, one JSON line when piped); <c>--paginate</c>
/// follows <c>meta.pagination.next</c> and prints each page as one JSON line.
/// </summary>
internal static class ApiCommand
{
    private const int DefaultMaxPages = 10_000;

    /// <summary>Creates the <c>api</c> command.</summary>
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The API path, e.g. /api/account/get-account (a query string may follow)" };
        var method = new Option<string>("--method", "-X") { Description = "HTTP method", DefaultValueFactory = static _ => "POST", HelpName = "method" };
        method.AcceptOnlyFromAmong("GET", "POST", "PUT", "PATCH", "DELETE", "get", "post", "put", "patch", "delete");
        var body = new Option<string?>("--body", "-d")
        {
            Description = "The JSON body: inline JSON, @file to read a file, or - to read stdin (default for POST: {\"data\":[]})",
            HelpName = "json|@file|-",
        };
        var paginate = new Option<bool>("--paginate") { Description = "Follow meta.pagination.next and print every page as one JSON line" };
        var maxPages = new Option<int>("--max-pages")
        {
            Description = "With --paginate, stop after this many pages",
            DefaultValueFactory = static _ => DefaultMaxPages,
        };
        var idempotent = new Option<bool>("--idempotent") { Description = "The call may be resent after a transient fault (a read sent as POST)" };
        var command = new Command("api", "Call any Mimecast API path (signed or with a token); --paginate prints pages as JSON lines")
        {
            path, method, body, paginate, maxPages, idempotent,
        };
        CliAction.Set(command, async (context, ct) =>
        {
            var httpMethod = new HttpMethod(context.Parse.GetValue(method)!.ToUpperInvariant());
            byte[]? payload = await ReadBodyAsync(context, context.Parse.GetValue(body), httpMethod, ct).ConfigureAwait(false);
            bool follow = context.Parse.GetValue(paginate);
            int limit = context.Parse.GetValue(maxPages);
            if (follow && payload is null)
            {
                throw CliException.Usage("--paginate needs an envelope body (POST); GET answers are not paged by token.");
            }

            IMimecastClient client = await context.GetClientAsync(ct).ConfigureAwait(false);
            var request = new MimecastRawRequest
            {
                Method = httpMethod,
                Path = context.Parse.GetValue(path)!,
                Body = payload,
                Idempotent = context.Parse.GetValue(idempotent) || follow ? true : null,
            };
            bool indented = !follow && (context.Output.Format == OutputFormat.Json || context.StdoutIsTerminal && context.Output.Format == OutputFormat.Table);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int page = 1; ; page++)
            {
                MimecastRawResponse response = await client.SendRawAsync(request, ct).ConfigureAwait(false);
                await WriteBodyAsync(context, response.Body, indented, ct).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    await context.Out.FlushAsync(ct).ConfigureAwait(false);
                    await context.Error.WriteLineAsync($"error: {httpMethod} {request.Path} failed: HTTP {(int)response.StatusCode} (request id {response.RequestId ?? "none"}); the answer is on stdout.".AsMemory(), ct).ConfigureAwait(false);
                    return ExitCodes.ApiFailure;
                }

                if (!follow || response.NextPageToken is not { } next || page >= limit || !seen.Add(next))
                {
                    return ExitCodes.Success;
                }

                request.Body = WithPageToken(payload!, next);
                await context.Out.FlushAsync(ct).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static async Task<byte[]?> ReadBodyAsync(CliContext context, string? body, HttpMethod method, CancellationToken ct)
    {
        string? text = body switch
        {
            null => method == HttpMethod.Get || method == HttpMethod.Delete ? null : "{\"data\":[]}",
            "-" => await context.In.ReadToEndAsync(ct).ConfigureAwait(false),
            _ when body.StartsWith('@') => await ReadFileAsync(body[1..], ct).ConfigureAwait(false),
            _ => body,
        };
        if (text is null)
        {
            return null;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw CliException.Usage($"The body is not valid JSON: {ex.Message}", ex);
        }

        return Encoding.UTF8.GetBytes(text);
    }

    private static async Task<string> ReadFileAsync(string file, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllTextAsync(file, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage($"Cannot read the body file '{file}': {ex.Message}", ex);
        }
    }

    /// <summary>The same envelope with <c>meta.pagination.pageToken</c> set (the page size kept).</summary>
    internal static byte[] WithPageToken(byte[] body, string token)
    {
        JsonNode root = JsonNode.Parse(body) ?? new JsonObject();
        if (root is not JsonObject obj)
        {
            throw CliException.Usage("--paginate needs a JSON object body ({\"meta\":…,\"data\":[…]}).");
        }

        if (obj["meta"] is not JsonObject meta)
        {
            obj["meta"] = meta = new JsonObject();
        }

        if (meta["pagination"] is not JsonObject pagination)
        {
            meta["pagination"] = pagination = new JsonObject();
        }

        pagination["pageToken"] = token;
        return Encoding.UTF8.GetBytes(obj.ToJsonString());
    }

    private static async Task WriteBodyAsync(CliContext context, ReadOnlyMemory<byte> body, bool indented, CancellationToken ct)
    {
        if (body.IsEmpty)
        {
            return;
        }

        string text;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(body);
            text = CliText.Json(doc.RootElement, indented);
        }
        catch (JsonException)
        {
            text = Encoding.UTF8.GetString(body.Span).TrimEnd();
        }

        await context.Out.WriteLineAsync(text.AsMemory(), ct).ConfigureAwait(false);
    }
}
