using Mimecast.Sdk.Feed.CrashHost;

namespace Mimecast.Sdk.Feed.CrashTests;

/// <summary>What a crash test needs to know about one checkpoint store: how the host uses it and where its sink is.</summary>
internal interface ICrashStore : IAsyncDisposable
{
    string Name { get; }

    /// <summary>The host's <c>--store …</c> arguments.</summary>
    IReadOnlyList<string> HostArguments { get; }

    /// <summary>The phases to kill at, in turn.</summary>
    IReadOnlyList<string> KillPhases { get; }

    /// <summary>Every delivery that reached the sink, in order.</summary>
    Task<IReadOnlyList<SinkRecord>> ReadSinkAsync();
}
