using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Http;
using Seedance.Journal;
using Seedance.Media;

namespace Seedance.Bench;

/// <summary>
/// Many tasks through the engine while the emulator injects a mix of faults into about a fifth of all calls
/// (submits refused, lost or answered late; status answers failed, cut off or malformed; downloads cut off or
/// dropped; video URLs expiring). A script's own reasonable handling is applied on top: a submit the module says
/// created nothing is submitted again, a download that failed is saved again. Afterwards the emulator's own task
/// list is the referee: no task may be lost (created but not saved or journalled) or created twice.
/// </summary>
internal static class SoakRun
{
    private const double FaultShare = 0.2;

    public static async Task<int> RunAsync(string folder, int tasks, string provider)
    {
        var planPath = Path.Combine(folder, "soak-faults.json");
        File.WriteAllText(planPath, FaultMix());
        using var emulator = EmulatorProcess.Start(TimeSpan.FromSeconds(1), 25, null, planPath, urlLifetime: TimeSpan.FromSeconds(3));
        using var bench = new BenchConnection(emulator, folder, options =>
        {
            options.ThrottleLimit = 25;
            options.MaxConcurrentDownloads = 8;
            // The emulator records a task the moment it arrives (no CreateLate in this mix), so a lost submit settles
            // within seconds; a real provider's minute would make every 502 of the soak a minute's wait.
            options.Http = new HttpSettings
            {
                RetryBaseDelay = TimeSpan.FromMilliseconds(200),
                MaxRetryDelay = TimeSpan.FromSeconds(5),
                SubmitSettleWindow = TimeSpan.FromSeconds(3),
                SubmitSettleInterval = TimeSpan.FromMilliseconds(300),
            };
        }, provider);
        var connection = bench.Connection;
        using var stopOtherClient = new CancellationTokenSource();
        var otherClient = AnotherClientAsync(emulator, folder, provider, stopOtherClient.Token);
        var sentPromptById = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var outcomes = new ConcurrentDictionary<int, string>();
        var resubmits = 0;
        var unresolved = 0;
        long bytesVerified = 0;
        var clock = Stopwatch.StartNew();
        var saves = new List<Task>();
        for (var index = 0; index < tasks; index++)
        {
            // One in a hundred generations fails at the provider, as some always do.
            var prompt = $"soak {index:D4}" + (index % 100 == 7 ? " #fail" : string.Empty);
            var request = BenchConnection.Request(prompt, index);
            VideoTask? task = null;
            while (task is null)
            {
                try
                {
                    task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None).ConfigureAwait(false);
                }
                catch (SeedanceException ex) when (!ex.SubmitMayHaveSucceeded)
                {
                    // The module says nothing was created (a refusal, or a lost answer the provider's list settled).
                    Interlocked.Increment(ref resubmits);
                }
                catch (SeedanceException)
                {
                    Interlocked.Increment(ref unresolved);
                    break;
                }
            }

            if (task is null)
            {
                continue;
            }

            sentPromptById[task.Id] = prompt;
            var number = index;
            saves.Add(Task.Run(async () =>
            {
                var outcome = await FinishAsync(connection, task, folder).ConfigureAwait(false);
                outcomes[number] = outcome.Outcome;
                Interlocked.Add(ref bytesVerified, outcome.Bytes);
            }));
        }

        await Task.WhenAll(saves).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        stopOtherClient.Cancel();
        var othersCreated = await otherClient.ConfigureAwait(false);

        var everything = await CreatedTasksAsync(emulator).ConfigureAwait(false);
        var promptById = everything.ToDictionary(task => task.Id, task => task.Prompt, StringComparer.Ordinal);
        // Adopted wrongly: a task this run holds as its own that was made from another prompt (the other client's).
        var adoptedWrongly = sentPromptById.Count(pair => promptById.TryGetValue(pair.Key, out var made) && made != pair.Value);
        var created = everything.Where(task => task.Prompt.StartsWith("soak ", StringComparison.Ordinal)).ToList();
        var byPrompt = created.GroupBy(task => task.Prompt).ToList();
        var duplicates = byPrompt.Count(group => group.Count() > 1);
        var journalled = new HashSet<string>(new TaskJournal(Path.Combine(folder, "journal.jsonl")).ReadAll().Select(record => record.Id));
        var notJournalled = created.Count(task => !journalled.Contains(task.Id));
        var saved = outcomes.Count(pair => pair.Value == "saved");
        var failedAtProvider = outcomes.Count(pair => pair.Value == "failed");
        // Lost: created at the provider, yet neither saved nor known to have failed there (paid for, not delivered).
        var lost = created.Count - saved - failedAtProvider;

        Console.WriteLine($"| soak: {provider}, {tasks} tasks, ~{FaultShare:P0} of calls faulted, another client made {othersCreated} | {elapsed.TotalSeconds:0} s | completed {saved} | failed at provider {failedAtProvider} | lost {lost} | duplicate submits {duplicates} | adopted wrongly {adoptedWrongly} | not journalled {notJournalled} | unresolved submits {unresolved} | resubmitted safely {resubmits} | verified {bytesVerified / 1_000_000.0:0} MB |");
        return lost == 0 && duplicates == 0 && notJournalled == 0 && adoptedWrongly == 0 ? 0 : 1;
    }

    /// <summary>
    /// Another program on the same account, submitting its own tasks (other prompts, other images) throughout the
    /// run, so that every lost submit of this run is settled against a list that holds strangers' tasks too.
    /// </summary>
    private static async Task<int> AnotherClientAsync(EmulatorProcess emulator, string folder, string provider, CancellationToken stop)
    {
        using var other = new BenchConnection(emulator, folder, options => options.ThrottleLimit = 0, provider, anotherClient: true);
        var made = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await other.Connection.SubmitAsync(other.Connection.Prepare(BenchConnection.Request($"another client {made:D4}", 10_000 + made)), CancellationToken.None).ConfigureAwait(false);
                made++;
                await Task.Delay(TimeSpan.FromMilliseconds(250), stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return made;
    }

    /// <summary>Waits for the task and saves its video, saving again after a failed download as a script would.</summary>
    private static async Task<(string Outcome, long Bytes)> FinishAsync(Connections.SeedanceConnection connection, VideoTask task, string folder)
    {
        var finished = await connection.WaitAsync(task, TimeSpan.FromMinutes(10), CancellationToken.None).ConfigureAwait(false);
        if (finished.Lifecycle != TaskState.Succeeded)
        {
            return ("failed", 0);
        }

        var path = Path.Combine(folder, task.Id + ".mp4");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var file = await connection.SaveAsync(finished, path, overwrite: true, null, CancellationToken.None).ConfigureAwait(false);
                var valid = Mp4Inspector.Inspect(file.Path).IsValid;
                File.Delete(file.Path);
                return (valid ? "saved" : "corrupt", valid ? file.Length : 0);
            }
            catch (SeedanceException) when (attempt < 5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
            }
        }
    }

    private static async Task<List<(string Id, string Prompt)>> CreatedTasksAsync(EmulatorProcess emulator)
    {
        using var client = new HttpClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri(emulator.Root, "_emulator/tasks")).ConfigureAwait(false));
        return document.RootElement.EnumerateArray().Select(task => (task.GetProperty("id").GetString()!, task.GetProperty("prompt").GetString()!)).ToList();
    }

    /// <summary>About a fifth of each kind of call faulted, spread over the faults that kind of call meets in the wild.</summary>
    private static string FaultMix()
    {
        var share = FaultShare / 3;
        string Rule(string endpoint, string action, int status = 500, string extra = "") =>
            $"{{\"endpoint\":\"{endpoint}\",\"probability\":{share.ToString(System.Globalization.CultureInfo.InvariantCulture)},\"action\":\"{action}\",\"statusCode\":{status}{extra}}}";
        return "[" + string.Join(",", new[]
        {
            Rule("submit", "Status", 429, ",\"retryAfterSeconds\":0"),
            Rule("submit", "DropAfterHandling"),
            Rule("submit", "Status", 502),
            Rule("status", "Status", 503),
            Rule("status", "Truncate"),
            Rule("status", "Malformed"),
            Rule("download", "Truncate"),
            Rule("download", "DropBeforeHandling"),
            Rule("download", "Status", 503),
        }) + "]";
    }
}
