using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Mimecast.Sdk.Testing;

/// <summary>The SIEM wire formats: event JSON, gzip NDJSON batch files, opaque cursors and signed download URLs.</summary>
internal static class SiemWire
{
    public const string StreamPath = "/siem/v1/events/cg";
    public const string BatchPath = "/siem/v1/batch/events/cg";
    public const string AuditPath = "/api/audit/get-audit-events";

    /// <summary>Where batch files are served (the simulator's stand-in for the storage host): <c>/siem-files/{id}.json.gz?expires=…&amp;signature=…</c>, one path per file.</summary>
    public const string FilePrefix = "/siem-files/";
    public const string FileSuffix = ".json.gz";

    /// <summary>The SIEM error shape <c>{"error":{"code":…,"message":…}}</c>.</summary>
    public static byte[] ErrorBody(string code, string message) => JsonOut.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("code", code);
        w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static void WriteEvent(Utf8JsonWriter w, SimulatorSiemEvent e, SimulatorSiemTypeSpelling spelling, bool batch)
    {
        w.WriteStartObject();
        w.WriteString("processingId", e.ProcessingId);
        w.WriteString("aggregateId", e.AggregateId);
        w.WriteString("accountId", e.AccountId);
        w.WriteNumber("timestamp", e.Timestamp.ToUnixTimeMilliseconds());
        bool eventType = !batch && spelling == SimulatorSiemTypeSpelling.EventTypeSubType;
        w.WriteString(eventType ? "eventType" : "type", e.Type);
        w.WriteString(eventType ? "subType" : "subtype", e.Subtype);
        foreach (KeyValuePair<string, string?> f in e.Fields)
        {
            w.WriteString(f.Key, f.Value);
        }

        if (batch)
        {
            w.WriteNumber("_offset", e.Sequence);
            w.WriteNumber("_partition", 0);
        }

        w.WriteEndObject();
    }

    /// <summary>A gzip NDJSON file of <paramref name="events"/>, one line each, in order.</summary>
    public static SiemFileContent BuildFile(IReadOnlyList<SimulatorSiemEvent> events) =>
        Gzip(events.Count, (writeLine, i) => writeLine(events[i]), stopAfter: null);

    /// <summary>A bulk file: generated events until the NDJSON reaches <paramref name="uncompressedBytes"/> (at least one line).</summary>
    public static SiemFileContent BuildBulkFile(int seed, long firstOffset, string type, DateTimeOffset window, TimeSpan interval, string domain, string accountId, long uncompressedBytes)
    {
        var r = new Random(seed);
        long intervalMs = Math.Max(1, (long)interval.TotalMilliseconds);
        long offset = firstOffset;
        return Gzip(int.MaxValue, (writeLine, i) =>
        {
            SimulatorSiemEvent e = SiemGenerator.Event(r, type, window.AddMilliseconds(r.NextInt64(intervalMs)), domain, accountId);
            writeLine(e with { Sequence = offset + i });
        }, stopAfter: uncompressedBytes);
    }

    /// <summary>The same file with line <paramref name="lineIndex"/> (0-based) cut in half: invalid JSON, every other line intact.</summary>
    public static byte[] WithMalformedLine(byte[] gzip, int lineIndex)
    {
        using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var reader = new StreamReader(input, Encoding.UTF8);
        using var output = new MemoryStream();
        using (var compressor = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var zip = new BufferedStream(compressor, 1 << 16))
        {
            int i = 0;
            byte[] newline = "\n"u8.ToArray();
            while (reader.ReadLine() is { } line)
            {
                string text = i == lineIndex ? line[..(line.Length / 2)] : line;
                zip.Write(Encoding.UTF8.GetBytes(text));
                zip.Write(newline);
                i++;
            }
        }

        return output.ToArray();
    }

    private static SiemFileContent Gzip(int maxLines, Action<Action<SimulatorSiemEvent>, int> produce, long? stopAfter)
    {
        using var output = new MemoryStream();
        long uncompressed = 0;
        int lines = 0;
        using (var compressor = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var zip = new BufferedStream(compressor, 1 << 16))
        {
            var buffer = new ArrayBufferWriter<byte>(2048);
            using var writer = new Utf8JsonWriter(buffer, JsonOut.WireOptions);
            void WriteLine(SimulatorSiemEvent e)
            {
                buffer.ResetWrittenCount();
                writer.Reset(buffer);
                WriteEvent(writer, e, SimulatorSiemTypeSpelling.TypeSubtype, batch: true);
                writer.Flush();
                zip.Write(buffer.WrittenSpan);
                zip.WriteByte((byte)'\n');
                uncompressed += buffer.WrittenCount + 1;
                lines++;
            }

            for (int i = 0; i < maxLines && (stopAfter is not { } limit || uncompressed < limit); i++)
            {
                produce(WriteLine, i);
            }
        }

        return new SiemFileContent(output.ToArray(), uncompressed, lines);
    }

    // ------------------------------------------------------------------ cursors (standard base64: clients must query-encode it)
    public static string EncodeStreamCursor(string fingerprint, long sequence) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"s1.{fingerprint}.{sequence}")));

    public static bool TryDecodeStreamCursor(string cursor, string fingerprint, out long sequence)
    {
        sequence = 0;
        string[]? parts = Decode(cursor);
        return parts is { Length: 3 } && parts[0] == "s1" && parts[1] == fingerprint
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }

    public static string EncodeBatchCursor(string fingerprint, long ordinal) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"b1.{fingerprint}.{ordinal}")));

    public static bool TryDecodeBatchCursor(string cursor, string fingerprint, out long ordinal)
    {
        ordinal = 0;
        string[]? parts = Decode(cursor);
        return parts is { Length: 3 } && parts[0] == "b1" && parts[1] == fingerprint
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out ordinal);
    }

    private static string[]? Decode(string cursor)
    {
        var buffer = new byte[cursor.Length];
        return Convert.TryFromBase64String(cursor, buffer, out int written) ? Encoding.UTF8.GetString(buffer, 0, written).Split('.') : null;
    }

    // ------------------------------------------------------------------ signed URLs
    /// <summary>The signature of a download URL: HMAC-SHA256 of its path, file and expiry (ms since the epoch) under the simulator's secret, hex.</summary>
    public static string Sign(byte[] secret, string fileId, long expiresMs) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"GET\n{FilePath(fileId)}\n{expiresMs}"))));

    public static bool Verify(byte[] secret, string fileId, long expiresMs, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, fileId, expiresMs)), Encoding.ASCII.GetBytes(signature));

    public static string FilePath(string fileId) => FilePrefix + Uri.EscapeDataString(fileId) + FileSuffix;

    public static string FileQuery(byte[] secret, string fileId, long expiresMs) =>
        string.Create(CultureInfo.InvariantCulture, $"{FilePath(fileId)}?expires={expiresMs}&signature={Sign(secret, fileId, expiresMs)}");

    /// <summary>UTC with milliseconds and <c>Z</c>, e.g. <c>2024-06-05T11:50:06.389Z</c>.</summary>
    public static string IsoMs(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
