using System.Text;
using System.Text.RegularExpressions;

namespace Mimecast.Sdk.Docs.Tests;

/// <summary>
/// Keeps the C# blocks of the documentation compiling: every <c>```csharp</c> block of <c>docs/*.md</c> and of the
/// package README must follow a <c>&lt;!-- snippet: name --&gt;</c> line and equal the region
/// <c>#region snippet: name</c> of a file under <c>Snippets/</c> (compiled by this project).
/// Run with <c>UPDATE_DOC_SNIPPETS=1</c> to rewrite the markdown blocks from the snippets.
/// </summary>
public sealed partial class DocSnippetTests
{
    // docs/benchmarks.md is owned by the benchmarks project and holds no compiled snippets.
    private static readonly string[] Excluded = ["docs/benchmarks.md"];

    public static TheoryData<string> MarkdownFiles() => new(MarkdownPaths());

    private static List<string> MarkdownPaths()
    {
        var root = RepositoryRoot();
        var data = new List<string>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories).Append(Path.Combine(root, "src", "Mimecast.Sdk", "README.md")).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (!Excluded.Contains(relative))
            {
                data.Add(relative);
            }
        }

        return data;
    }

    [Fact]
    public void The_documentation_pages_exist()
    {
        var files = MarkdownPaths();
        string[] expected =
        [
            "docs/authentication.md", "docs/getting-started.md", "docs/incident-feed.md", "docs/rate-limits-and-retries.md",
            "docs/telemetry.md", "docs/testing-with-the-simulator.md", "src/Mimecast.Sdk/README.md",
        ];
        Assert.All(expected, e => Assert.Contains(e, files));
    }

    [Theory]
    [MemberData(nameof(MarkdownFiles))]
    public void Every_csharp_block_equals_its_compiled_snippet(string relativePath)
    {
        var snippets = LoadSnippets();
        var path = Path.Combine(RepositoryRoot(), relativePath);
        var lines = File.ReadAllText(path).ReplaceLineEndings("\n").Split('\n').ToList();
        var problems = new List<string>();
        var update = Environment.GetEnvironmentVariable("UPDATE_DOC_SNIPPETS") == "1";
        var changed = false;

        for (var i = 0; i < lines.Count; i++)
        {
            var fence = FenceStart().Match(lines[i]);
            if (!fence.Success)
            {
                continue;
            }

            var indent = fence.Groups["indent"].Value;
            var language = fence.Groups["lang"].Value.ToLowerInvariant();
            var end = i + 1;
            while (end < lines.Count && lines[end].Trim() != "```")
            {
                end++;
            }

            if (end == lines.Count)
            {
                problems.Add($"{relativePath}:{i + 1}: code block is not closed");
                break;
            }

            if (language is "csharp" or "cs" or "c#")
            {
                var marker = i > 0 ? SnippetMarker().Match(lines[i - 1]) : Match.Empty;
                if (!marker.Success)
                {
                    problems.Add($"{relativePath}:{i + 1}: C# block without a '<!-- snippet: name -->' line above it; move the code into tests/Mimecast.Sdk.Docs.Tests/Snippets");
                }
                else if (!snippets.TryGetValue(marker.Groups["name"].Value, out var snippet))
                {
                    problems.Add($"{relativePath}:{i + 1}: no '#region snippet: {marker.Groups["name"].Value}' under tests/Mimecast.Sdk.Docs.Tests/Snippets");
                }
                else
                {
                    var block = string.Join('\n', lines.Skip(i + 1).Take(end - i - 1).Select(l => l.StartsWith(indent, StringComparison.Ordinal) ? l[indent.Length..] : l));
                    if (block != snippet)
                    {
                        if (update)
                        {
                            var replacement = snippet.Split('\n').Select(l => l.Length == 0 ? l : indent + l).ToList();
                            lines.RemoveRange(i + 1, end - i - 1);
                            lines.InsertRange(i + 1, replacement);
                            end = i + 1 + replacement.Count;
                            changed = true;
                        }
                        else
                        {
                            problems.Add($"{relativePath}:{i + 1}: block '{marker.Groups["name"].Value}' differs from its snippet (run UPDATE_DOC_SNIPPETS=1 dotnet test tests/Mimecast.Sdk.Docs.Tests). Expected:\n{snippet}\n");
                        }
                    }
                }
            }

            i = end;
        }

        if (changed)
        {
            File.WriteAllText(path, string.Join('\n', lines), new UTF8Encoding(false));
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Snippet_names_are_unique_and_used()
    {
        var root = RepositoryRoot();
        var used = MarkdownPaths()
            .SelectMany(f => File.ReadAllLines(Path.Combine(root, f)).Select(l => SnippetMarker().Match(l)).Where(m => m.Success).Select(m => m.Groups["name"].Value))
            .ToHashSet(StringComparer.Ordinal);
        var unused = LoadSnippets().Keys.Where(k => !used.Contains(k)).ToList();
        Assert.True(unused.Count == 0, "snippets not shown in any page: " + string.Join(", ", unused));
    }

    /// <summary>Reads every <c>#region snippet: name</c> … <c>#endregion</c>, without its common indentation.</summary>
    private static Dictionary<string, string> LoadSnippets()
    {
        var snippets = new Dictionary<string, string>(StringComparer.Ordinal);
        var folder = Path.Combine(RepositoryRoot(), "tests", "Mimecast.Sdk.Docs.Tests", "Snippets");
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllText(file).ReplaceLineEndings("\n").Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var start = RegionStart().Match(lines[i]);
                if (!start.Success)
                {
                    continue;
                }

                var name = start.Groups["name"].Value;
                var body = new List<string>();
                var depth = 0;
                for (i++; i < lines.Length; i++)
                {
                    var trimmed = lines[i].Trim();
                    if (trimmed.StartsWith("#region", StringComparison.Ordinal))
                    {
                        depth++;
                    }
                    else if (trimmed.StartsWith("#endregion", StringComparison.Ordinal) && depth-- == 0)
                    {
                        break;
                    }

                    body.Add(lines[i]);
                }

                var indent = body.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
                var text = string.Join('\n', body.Select(l => l.Trim().Length == 0 ? string.Empty : l[indent..].TrimEnd()));
                Assert.True(snippets.TryAdd(name, text), $"snippet '{name}' is defined twice");
            }
        }

        return snippets;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mimecast.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Mimecast.Sdk.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^(?<indent>\s*)```(?<lang>[^\s`]*)\s*$")]
    private static partial Regex FenceStart();

    [GeneratedRegex(@"^\s*<!--\s*snippet:\s*(?<name>[\w.-]+)\s*-->\s*$")]
    private static partial Regex SnippetMarker();

    [GeneratedRegex(@"^\s*#region\s+snippet:\s*(?<name>[\w.-]+)\s*$")]
    private static partial Regex RegionStart();
}
