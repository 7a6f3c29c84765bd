using Mimecast.Sdk.Feed.CrashHost;

namespace Mimecast.Sdk.Feed.CrashTests;

/// <summary>The file checkpoint store, with an append-only sink file (fsync per batch) in a temporary folder.</summary>
internal sealed class FileCrashStore : ICrashStore
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mimecast-feed-crash", Guid.NewGuid().ToString("N"));

    public FileCrashStore() => Directory.CreateDirectory(_directory);

    public string Name => "file";

    public string SinkPath => Path.Combine(_directory, "sink.tsv");

    public IReadOnlyList<string> HostArguments => ["--store", "file", "--checkpoints", Path.Combine(_directory, "checkpoints"), "--sink", SinkPath];

    public IReadOnlyList<string> KillPhases { get; } = ["page", "polled", "deliver", "deliver-mid", "delivered", "commit"];

    public async Task<IReadOnlyList<SinkRecord>> ReadSinkAsync()
    {
        if (!File.Exists(SinkPath))
        {
            return [];
        }

        var text = await File.ReadAllTextAsync(SinkPath);
        Assert.True(text.Length == 0 || text[^1] == '\n', "The sink file ends in a torn line.");
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(SinkRecord.Parse)];
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
