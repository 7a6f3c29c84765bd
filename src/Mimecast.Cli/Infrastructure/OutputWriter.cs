using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Mimecast.Cli;

/// <summary>
/// Writes results to stdout in the format <c>-o</c> chose (table on a terminal, JSON lines when piped by default),
/// keeping only <c>--fields</c> when given. Streams: each row is written as it arrives and the output is flushed
/// whenever the source has nothing ready, so a 100,000-record pull never sits in memory and a reader sees each page
/// as soon as it came.
/// </summary>
internal sealed class OutputWriter
{
    // A table's widths come from the first rows; later, wider cells are cut with an ellipsis.
    private const int TableSampleRows = 100;
    private const int MaxColumnWidth = 60;

    private readonly TextWriter _out;
    private readonly IReadOnlyList<string>? _fields;
    private readonly bool _color;
    private readonly Dictionary<JsonTypeInfo, JsonTypeInfo> _relaxed = [];

    public OutputWriter(TextWriter output, OutputFormat format, IReadOnlyList<string>? fields, bool color)
    {
        _out = output;
        Format = format;
        _fields = fields is { Count: > 0 } ? fields : null;
        _color = color;
    }

    /// <summary>Gets the chosen format.</summary>
    public OutputFormat Format { get; }

    /// <summary>Writes every item of <paramref name="items"/>, one row or JSON line each, flushing as the source pauses.</summary>
    /// <returns>The number of items written.</returns>
    public async Task<long> WriteAsync<T>(IAsyncEnumerable<T> items, JsonTypeInfo<T> json, IReadOnlyList<Column<T>> columns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var row = new RowWriter<T>(this, json, columns);
        long count = 0;
        await using IAsyncEnumerator<T> e = items.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            ValueTask<bool> next = e.MoveNextAsync();
            if (!next.IsCompleted)
            {
                // The source is about to wait (the next page, the next poll): what is written so far goes out now.
                await row.PauseAsync(cancellationToken).ConfigureAwait(false);
            }

            if (!await next.ConfigureAwait(false))
            {
                break;
            }

            await row.WriteAsync(e.Current, cancellationToken).ConfigureAwait(false);
            count++;
        }

        await row.EndAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    /// <summary>Writes one item: a JSON object (json, jsonl), or a table or tsv of one row.</summary>
    public async Task WriteOneAsync<T>(T item, JsonTypeInfo<T> json, IReadOnlyList<Column<T>> columns, CancellationToken cancellationToken)
    {
        var row = new RowWriter<T>(this, json, columns) { Single = true };
        await row.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        await row.EndAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Flushes what was written (for example after a batch, before its checkpoint is saved).</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => _out.FlushAsync(cancellationToken);

    /// <summary>Serializes <paramref name="item"/> to one line of JSON, keeping only <c>--fields</c> when given.</summary>
    internal string ToJson<T>(T item, JsonTypeInfo<T> json)
    {
        json = Relaxed(json);
        if (_fields is null)
        {
            return JsonSerializer.Serialize(item, json);
        }

        using JsonDocument doc = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(item, json));
        JsonElement root = doc.RootElement;
        return root.ValueKind != JsonValueKind.Object ? CliText.Json(root) : CliText.Json(w =>
        {
            w.WriteStartObject();
            foreach (string field in _fields)
            {
                if (TryGetProperty(root, field, out JsonProperty p))
                {
                    p.WriteTo(w);
                }
            }

            w.WriteEndObject();
        });
    }

    // Output is read by people and tools, not embedded in HTML: '+', '<', '&' and non-ASCII letters are written as is.
    private JsonTypeInfo<T> Relaxed<T>(JsonTypeInfo<T> json)
    {
        if (json.Options.Encoder is not null)
        {
            return json;
        }

        if (!_relaxed.TryGetValue(json, out JsonTypeInfo? relaxed))
        {
            var options = new JsonSerializerOptions(json.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            relaxed = options.GetTypeInfo(typeof(T));
            _relaxed[json] = relaxed;
        }

        return (JsonTypeInfo<T>)relaxed;
    }

    private static bool TryGetProperty(JsonElement obj, string name, out JsonProperty property)
    {
        foreach (JsonProperty p in obj.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                property = p;
                return true;
            }
        }

        property = default;
        return false;
    }

    private static string Tsv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return value.IndexOfAny(['\t', '\n', '\r', '\\']) < 0 ? value
            : value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)
                .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
    }

    private static string Cell(string? value, int width)
    {
        string v = (value ?? string.Empty).ReplaceLineEndings(" ").Replace('\t', ' ');
        return v.Length <= width ? v.PadRight(width) : string.Concat(v.AsSpan(0, Math.Max(0, width - 1)), "…");
    }

    /// <summary>The state of one listing being written.</summary>
    private sealed class RowWriter<T>(OutputWriter owner, JsonTypeInfo<T> json, IReadOnlyList<Column<T>> columns)
    {
        private readonly List<T> _sample = [];
        private Func<T, string?>[]? _cells;
        private string[]? _headers;
        private int[]? _widths;
        private bool _started;

        public bool Single { get; init; }

        private TextWriter Out => owner._out;

        public async Task WriteAsync(T item, CancellationToken ct)
        {
            switch (owner.Format)
            {
                case OutputFormat.Jsonl:
                    await Out.WriteLineAsync(owner.ToJson(item, json).AsMemory(), ct).ConfigureAwait(false);
                    break;
                case OutputFormat.Json:
                    string text = Indent(owner.ToJson(item, json));
                    if (Single)
                    {
                        await Out.WriteLineAsync(text.AsMemory(), ct).ConfigureAwait(false);
                        break;
                    }

                    await Out.WriteAsync((_started ? ",\n  " : "[\n  ").AsMemory(), ct).ConfigureAwait(false);
                    await Out.WriteAsync(text.ReplaceLineEndings("\n  ").AsMemory(), ct).ConfigureAwait(false);
                    _started = true;
                    break;
                case OutputFormat.Tsv:
                    Resolve();
                    if (!_started)
                    {
                        await Out.WriteLineAsync(string.Join('\t', _headers!.Select(Tsv)).AsMemory(), ct).ConfigureAwait(false);
                        _started = true;
                    }

                    await Out.WriteLineAsync(string.Join('\t', _cells!.Select(c => Tsv(c(item)))).AsMemory(), ct).ConfigureAwait(false);
                    break;
                default:
                    Resolve();
                    if (_widths is null)
                    {
                        _sample.Add(item);
                        if (_sample.Count >= TableSampleRows)
                        {
                            await FlushSampleAsync(ct).ConfigureAwait(false);
                        }
                    }
                    else
                    {
                        await WriteTableRowAsync(item, ct).ConfigureAwait(false);
                    }

                    break;
            }
        }

        public async Task PauseAsync(CancellationToken ct)
        {
            if (owner.Format == OutputFormat.Table && _widths is null && _sample.Count > 0)
            {
                await FlushSampleAsync(ct).ConfigureAwait(false);
            }

            await Out.FlushAsync(ct).ConfigureAwait(false);
        }

        public async Task EndAsync(CancellationToken ct)
        {
            if (owner.Format == OutputFormat.Json && !Single)
            {
                await Out.WriteLineAsync((_started ? "\n]" : "[]").AsMemory(), ct).ConfigureAwait(false);
            }
            else if (owner.Format == OutputFormat.Table && _widths is null && _sample.Count > 0)
            {
                await FlushSampleAsync(ct).ConfigureAwait(false);
            }

            await Out.FlushAsync(ct).ConfigureAwait(false);
        }

        private static string Indent(string compact)
        {
            using JsonDocument doc = JsonDocument.Parse(compact);
            return CliText.Json(doc.RootElement, indented: true);
        }

        // Columns chosen by --fields: a named column, else the top-level JSON property of that name.
        private void Resolve()
        {
            if (_cells is not null)
            {
                return;
            }

            if (owner._fields is null)
            {
                IReadOnlyList<Column<T>> all = columns.Count > 0 ? columns : [new Column<T>("json", i => owner.ToJson(i, json))];
                _headers = all.Select(c => c.Name).ToArray();
                _cells = all.Select(c => c.Value).ToArray();
                return;
            }

            _headers = owner._fields.ToArray();
            _cells = owner._fields.Select(f =>
                columns.FirstOrDefault(c => string.Equals(c.Name, f, StringComparison.OrdinalIgnoreCase))?.Value ?? (item => JsonField(item, f))).ToArray();
        }

        private string? JsonField(T item, string field)
        {
            using JsonDocument doc = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(item, json));
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !TryGetProperty(doc.RootElement, field, out JsonProperty p))
            {
                return null;
            }

            return p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.Null => null,
                _ => p.Value.GetRawText(),
            };
        }

        private async Task FlushSampleAsync(CancellationToken ct)
        {
            _widths = new int[_headers!.Length];
            for (int i = 0; i < _widths.Length; i++)
            {
                int width = _headers[i].Length;
                foreach (T item in _sample)
                {
                    width = Math.Max(width, (_cells![i](item) ?? string.Empty).Length);
                }

                _widths[i] = Math.Min(width, MaxColumnWidth);
            }

            string header = string.Join("  ", _headers.Select((h, i) => Cell(h.ToUpperInvariant(), _widths[i]))).TrimEnd();
            await Out.WriteLineAsync((owner._color ? "\u001b[1m" + header + "\u001b[0m" : header).AsMemory(), ct).ConfigureAwait(false);
            foreach (T item in _sample)
            {
                await WriteTableRowAsync(item, ct).ConfigureAwait(false);
            }

            _sample.Clear();
        }

        private Task WriteTableRowAsync(T item, CancellationToken ct) =>
            Out.WriteLineAsync(string.Join("  ", _cells!.Select((c, i) => Cell(c(item), _widths![i]))).TrimEnd().AsMemory(), ct);
    }
}
