using System.Globalization;
using System.Text;

namespace Mimecast.Sdk.Benchmarks.EndToEnd;

/// <summary>Collects figures and functional failures and prints them as a Markdown table.</summary>
internal sealed class Report
{
    private readonly List<(string Figure, string Measured, string Baseline, string Ratio, string Bar, string Verdict)> _rows = [];
    private readonly List<string> _failures = [];
    private readonly List<string> _notes = [];

    public IReadOnlyList<string> Failures => _failures;

    public static string F(double value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);

    public void Row(string figure, string measured, string baseline, string ratio, string bar, bool? pass)
    {
        _rows.Add((figure, measured, baseline, ratio, bar, pass switch { true => "PASS", false => "BELOW", null => "-" }));
        Console.WriteLine($"  => {figure}: {measured} | baseline {baseline} | ratio {ratio} | bar {bar} | {(pass switch { true => "PASS", false => "BELOW", null => "-" })}");
    }

    public void Note(string text)
    {
        _notes.Add(text);
        Console.WriteLine("  note: " + text);
    }

    /// <summary>Records something that is functionally broken (a lost record, a 429 reaching the caller...): the run exits 1.</summary>
    public void Fail(string text)
    {
        _failures.Add(text);
        Console.WriteLine("  FUNCTIONAL FAILURE: " + text);
    }

    public string ToMarkdown(string title)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"## {title}");
        sb.AppendLine();
        sb.AppendLine("| figure | measured | baseline (same run) | ratio | bar | verdict |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in _rows)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Figure} | {r.Measured} | {r.Baseline} | {r.Ratio} | {r.Bar} | {r.Verdict} |");
        }

        if (_notes.Count > 0)
        {
            sb.AppendLine();
            foreach (var n in _notes)
            {
                sb.AppendLine("- " + n);
            }
        }

        sb.AppendLine();
        sb.AppendLine(_failures.Count == 0 ? "Functional checks: all passed." : "Functional failures:\n- " + string.Join("\n- ", _failures));
        return sb.ToString();
    }
}
