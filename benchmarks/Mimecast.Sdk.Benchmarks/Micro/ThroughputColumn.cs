using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Mimecast.Sdk.Benchmarks.Micro;

/// <summary>Adds an <c>MB/s</c> column (payload bytes ÷ mean time) to the page-decoding benchmarks.</summary>
internal sealed class ThroughputColumn : IColumn
{
    public string Id => nameof(ThroughputColumn);

    public string ColumnName => "MB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"Payload throughput: {PageDecodingBenchmarks.PayloadBytes:N0} bytes per {PageDecodingBenchmarks.Records}-record page ÷ mean time (1 MB = 10^6 bytes)";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Descriptor.Type != typeof(PageDecodingBenchmarks))
        {
            return "-";
        }

        var stats = summary[benchmarkCase]?.ResultStatistics;
        return stats is null ? "?" : (PageDecodingBenchmarks.PayloadBytes / (stats.Mean / 1e9) / 1e6).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
}
