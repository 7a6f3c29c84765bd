using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Mimecast.Sdk.Benchmarks.Shared;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Benchmarks.Micro;

/// <summary>
/// Figure 2: one 500-record URL-log page decoded into the SDK's models with the SDK's source-generated
/// <c>MimecastJsonContext</c> against reflection-based <see cref="JsonSerializer"/> with web defaults (and the SDK's
/// date converter, without which the <c>+0000</c> dates do not parse at all).
/// </summary>
[MemoryDiagnoser]
public class PageDecodingBenchmarks
{
    public const int Records = 500;

    // Cached, as any sane caller would: building reflection metadata per call would be a different (worse) baseline.
    private static readonly JsonSerializerOptions ReflectionOptions = CreateReflectionOptions();

    private byte[] _page = null!;

    public static int PayloadBytes { get; } = UrlLogPage.Create(Records).Length;

    [GlobalSetup]
    public void Setup()
    {
        _page = UrlLogPage.Create(Records);
        if (Sdk() != Records || Reflection() != Records || SdkStream().GetAwaiter().GetResult() != Records)
        {
            throw new InvalidOperationException("A decoder lost records.");
        }
    }

    [Benchmark(Baseline = true, Description = "reflection JsonSerializer (Web defaults)")]
    public int Reflection()
    {
#pragma warning disable IL2026, IL3050 // The reflection baseline is the point of the comparison.
        var envelope = JsonSerializer.Deserialize<ResponseEnvelope<UrlLogsData>>(_page, ReflectionOptions);
#pragma warning restore IL2026, IL3050
        return envelope!.Data![0].ClickLogs!.Count;
    }

    [Benchmark(Description = "SDK: source-gen context (bytes)")]
    public int Sdk()
    {
        var envelope = JsonSerializer.Deserialize(_page, MimecastJsonContext.Default.ResponseEnvelopeUrlLogsData);
        return envelope!.Data![0].ClickLogs!.Count;
    }

    [Benchmark(Description = "SDK: source-gen context (stream, as MimecastClient reads)")]
    public async Task<int> SdkStream()
    {
        using var stream = new MemoryStream(_page, writable: false);
        var envelope = await JsonSerializer.DeserializeAsync(stream, MimecastJsonContext.Default.ResponseEnvelopeUrlLogsData).ConfigureAwait(false);
        return envelope!.Data![0].ClickLogs!.Count;
    }

    private static JsonSerializerOptions CreateReflectionOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new MimecastDateTimeConverter());
        return options;
    }
}
