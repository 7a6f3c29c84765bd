namespace Mimecast.Sdk.Testing;

/// <summary>
/// The control operations of one simulator: the single implementation behind both doors, the .NET API
/// (<see cref="MimecastSimulator"/>, <see cref="SimulatorFaults"/>) and the HTTP control API (<c>/_simulator/…</c>).
/// </summary>
internal sealed class SimulatorOperations(SimulatorCore core, SimulatorJournal journal, SimulatorFaults faults, SiemCore siem, RecordKinds records)
{
    /// <summary>The record kinds (<see cref="MimecastSimulator.Records{T}"/>, <c>/_simulator/records/{kind}</c>).</summary>
    public RecordKinds Records => records;

    public SimulatorFaults Faults => faults;

    public SimulatorJournal Journal => journal;

    /// <summary>Adds bulk SIEM batch files of one type (published in the newest ended window).</summary>
    public IReadOnlyList<SimulatorSiemBatchFile> AddSiemBatchFiles(string type, int count, long uncompressedBytesPerFile, string? accountEmail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(uncompressedBytesPerFile);
        SiemAccountState s;
        lock (core.Gate)
        {
            s = siem.Resolve(accountEmail);
        }

        return siem.AddBulkFiles(s, type.ToLowerInvariant(), count, uncompressedBytesPerFile);
    }

    public void ExpireBindings(string? accountEmail)
    {
        lock (core.Gate)
        {
            core.ExpireBindings(core.Resolve(accountEmail), core.Settings.Time.GetUtcNow());
        }
    }

    public void ExpireTokens(string? accountEmail)
    {
        lock (core.Gate)
        {
            core.ExpireTokens(accountEmail is null ? null : core.Resolve(accountEmail), core.Settings.Time.GetUtcNow());
        }
    }

    /// <summary>Sets what the page tokens of the paged listings mean from now on (<see cref="MimecastSimulatorOptions.PageTokens"/>).</summary>
    public void SetPageTokens(SimulatorPageTokens mode) => core.UpdateSettings(s => s with { OffsetPageTokens = mode == SimulatorPageTokens.Offset });

    /// <summary>Sets the lifetime of tokens and bindings issued (or refreshed) from now on; null leaves one unchanged.</summary>
    public void SetLifetimes(TimeSpan? token, TimeSpan? binding)
    {
        if (token is { } t)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(t, TimeSpan.Zero, nameof(token));
        }

        if (binding is { } b)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(b, TimeSpan.Zero, nameof(binding));
        }

        core.UpdateSettings(s => s with { TokenLifetime = token ?? s.TokenLifetime, BindingLifetime = binding ?? s.BindingLifetime });
    }

    /// <summary>Changes the per-user quota; null leaves a part unchanged. Buckets keep their current window.</summary>
    public void SetRateLimit(int? limit, TimeSpan? window, bool? enabled)
    {
        if (limit is { } l)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(l, 1, nameof(limit));
        }

        if (window is { } w)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(w, TimeSpan.Zero, nameof(window));
        }

        core.UpdateSettings(s => s with { RateLimit = limit ?? s.RateLimit, RateWindow = window ?? s.RateWindow, RateLimitEnabled = enabled ?? s.RateLimitEnabled });
    }

    public SimulatorCounters GetCounters()
    {
        lock (core.Gate)
        {
            SimulatorAccountCounters[] accounts = core.States.Select(s => new SimulatorAccountCounters
            {
                EmailAddress = s.Email,
                RequestsDuringWait = s.Quota.RequestsDuringWait,
                RateLimitedResponses = s.Quota.RateLimitedResponses,
                UrlLogs = s.Url.Items.Count,
                AttachmentLogs = s.Attachment.Items.Count,
                ImpersonationLogs = s.Impersonation.Items.Count,
                ActiveBindings = core.ActiveAccessKeys(s).Count,
            }).ToArray();
            return new SimulatorCounters { RequestsDuringWait = core.RequestsDuringWait, RateLimitedResponses = core.RateLimitedResponses, TokenRequests = core.TokenRequests, TokensIssued = core.TokensIssued, PendingFaults = faults.PendingCount, JournalEntries = journal.Entries.Count, Accounts = accounts };
        }
    }

    /// <summary>Back to the start state (see <see cref="MimecastSimulator.Reset"/>).</summary>
    public void Reset()
    {
        faults.Reset();
        core.Reset();
        journal.Clear();
    }
}
