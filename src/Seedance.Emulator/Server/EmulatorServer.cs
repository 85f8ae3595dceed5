using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Seedance.Emulator.Faults;
using Seedance.Emulator.Files;
using Seedance.Emulator.Recording;
using Seedance.Emulator.Routing;
using Seedance.Emulator.Tasks;
using Seedance.Emulator.Twins;

namespace Seedance.Emulator.Server;

/// <summary>
/// A real HTTP server on 127.0.0.1 that speaks every provider's wire protocol, each under its own prefix
/// (<c>http://127.0.0.1:port/wavespeed</c> stands in for <c>https://api.wavespeed.ai</c>), serves the
/// finished videos at <c>/files/</c>, and reports what it saw at <c>/_emulator/stats</c> and
/// <c>/_emulator/tasks</c>, and in detail in its <see cref="Recorder"/>. <c>/_emulator/another-client/{prefix}/…</c> is the same account used by another
/// program: served by that twin, outside the fault plan.
/// </summary>
public sealed class EmulatorServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Dictionary<string, IProviderTwin> _twins;
    private long _requestCount;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _acceptLoops;

    // Several accepts outstanding at once, so a burst of thousands of connections is not taken one at a time.
    private static readonly int AcceptLoops = Math.Max(4, Environment.ProcessorCount * 2);
    private readonly Task _ticker;
    private readonly VideoFolder? _outputFolder;

    private const string AnotherClient = "_emulator/another-client/";

    private EmulatorServer(EmulatorOptions options, HttpListener listener, Uri root)
    {
        _listener = listener;
        Root = root;
        Options = options;
        Tasks = new EmulatedTaskStore(options, () => DateTimeOffset.UtcNow);
        Recorder = new EmulatorRecorder(options.RecordLimit);
        Tasks.Created += task => Recorder.Add(new RecordedTask(task));
        Uploads = new UploadedFiles(root);
        Files = new VideoFiles(Tasks, Uploads, options);
        // Subscribed before the twins are, so a task's video is on its way to the folder before its webhook goes out.
        _outputFolder = options.OutputFolder is { } folder ? new VideoFolder(folder, Tasks, Files, Recorder) : null;
        Webhooks = new WebhookSender(Recorder);
        Services = new EmulatorServices(options, Tasks, Files, Uploads, Webhooks, root);
        _twins = TwinCatalog.Create(Services).ToDictionary(twin => twin.Prefix, StringComparer.OrdinalIgnoreCase);
        options.ValidateProviders(Providers.ToList());
        _acceptLoops = Enumerable.Range(0, AcceptLoops).Select(_ => Task.Run(AcceptAsync)).ToArray();
        _ticker = Task.Run(TickAsync);
    }

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri Root { get; }

    public EmulatorOptions Options { get; }

    public EmulatedTaskStore Tasks { get; }

    public VideoFiles Files { get; }

    public UploadedFiles Uploads { get; }

    public WebhookSender Webhooks { get; }

    public EmulatorServices Services { get; }

    /// <summary>What the emulator received and did, for users' own tests.</summary>
    public EmulatorRecorder Recorder { get; }

    /// <summary>The providers served, by the module's names.</summary>
    public IEnumerable<string> Providers => _twins.Values.Select(twin => twin.Provider);

    /// <summary>The requests the recorder kept, oldest first (the emulator's own /_emulator reports are not recorded).</summary>
    public IReadOnlyList<RecordedRequest> Requests => Recorder.Records<RecordedRequest>();

    /// <summary>Starts a server on <see cref="EmulatorOptions.Port"/>, or on a free port when it is 0.</summary>
    /// <exception cref="ArgumentException">A setting no emulator can run with (see <see cref="EmulatorOptions"/>): a negative latency or limit, a backwards range, a webhook secret no provider could have issued.</exception>
    public static EmulatorServer Start(EmulatorOptions options)
    {
        options.Validate();
        for (var attempt = 0; ; attempt++)
        {
            var port = options.Port != 0 ? options.Port : FreePort();
            var root = new Uri($"http://127.0.0.1:{port}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(root.AbsoluteUri);
            try
            {
                listener.Start();
            }
            catch (HttpListenerException) when (options.Port == 0 && attempt < 10)
            {
                // Another process took the port between probing and binding; probe again.
                listener.Close();
                continue;
            }

            try
            {
                return new EmulatorServer(options, listener, root);
            }
            catch
            {
                listener.Close();
                throw;
            }
        }
    }

    /// <summary>The base URI to give the module for <paramref name="provider"/>.</summary>
    public Uri BaseUriFor(string provider)
    {
        var twin = _twins.Values.FirstOrDefault(candidate => string.Equals(candidate.Provider, provider, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"The emulator has no twin of '{provider}'. It serves: {string.Join(", ", Providers)}.", nameof(provider));
        return new Uri(Root, twin.Prefix);
    }

    /// <summary>Requests that reached one provider's twin.</summary>
    public IReadOnlyList<RecordedRequest> RequestsTo(string provider)
    {
        var prefix = "/" + BaseUriFor(provider).AbsolutePath.Trim('/') + "/";
        return Requests.Where(request => request.Path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext raw)
    {
        var path = raw.Request.Url?.AbsolutePath ?? "/";
        var receivedAt = DateTimeOffset.UtcNow;
        Interlocked.Increment(ref _requestCount);
        try
        {
            var segments = path.Trim('/').Split(new[] { '/' }, 2);
            if (segments[0] == "files" && segments.Length == 2 && segments[1].EndsWith(".mp4", StringComparison.Ordinal))
            {
                Record(raw, receivedAt, null, Array.Empty<byte>());
                var fault = await AnswerWithFaultAsync(raw, null, NextFault(null, EndpointKind.Download)).ConfigureAwait(false);
                if (fault is not (FaultAction.Status or FaultAction.DropBeforeHandling))
                {
                    Files.Serve(raw, Uri.UnescapeDataString(segments[1].Substring(0, segments[1].Length - 4)), truncate: fault == FaultAction.Truncate);
                }

                return;
            }

            if (segments[0] == "uploads" && segments.Length == 2)
            {
                Record(raw, receivedAt, null, Array.Empty<byte>());
                Uploads.Serve(raw, segments[1].Split('/')[0]);
                return;
            }

            // Below the emulator's own prefixes the path goes to the twin as it came: its route table reads it.
            var local = path.TrimStart('/');
            if (local.StartsWith(AnotherClient, StringComparison.Ordinal) && TwinAt(local.Substring(AnotherClient.Length)) is { } other)
            {
                // Another program on the same account: served as any client is, but outside the fault plan, so tests
                // can put strangers' tasks next to their own without spending the plan's call numbers.
                var sent = await EmulatorContext.ReadAllAsync(raw.Request).ConfigureAwait(false);
                Record(raw, receivedAt, other.Twin.Provider, sent);
                await other.Twin.Routes.HandleAsync(EmulatorContext.ReadAhead(raw, other.Below, new Uri(Root, AnotherClient + other.Twin.Prefix), sent)).ConfigureAwait(false);
                return;
            }

            if (segments[0] == "_emulator")
            {
                JsonNode report = segments.Length == 2 && segments[1] == "tasks" ? TaskList() : Statistics();
                await new EmulatorContext(raw, path, Root).RespondJsonAsync(200, report).ConfigureAwait(false);
                return;
            }

            if (TwinAt(local) is { } served)
            {
                var (twin, below, twinBase) = served;

                // Read in full before anything else happens to it, so the record holds what arrived, and a client that
                // gives up during a delay does not unmake it.
                var body = await EmulatorContext.ReadAllAsync(raw.Request).ConfigureAwait(false);
                Record(raw, receivedAt, twin.Provider, body);
                var rule = NextFault(twin.Provider, twin.Routes.EndpointOf(raw.Request.HttpMethod, below));
                switch (rule?.Action)
                {
                    case FaultAction.CreateLate:
                        await HandleLateAsync(raw, twin, EmulatorContext.Detached(raw, below, twinBase, body), rule.DelayMilliseconds).ConfigureAwait(false);
                        break;
                    case FaultAction.Delay:
                        await Task.Delay(rule.DelayMilliseconds).ConfigureAwait(false);
                        await twin.Routes.HandleAsync(EmulatorContext.ReadAhead(raw, below, twinBase, body)).ConfigureAwait(false);
                        break;
                    default:
                        if (await AnswerWithFaultAsync(raw, twin, rule).ConfigureAwait(false) is not (FaultAction.Status or FaultAction.DropBeforeHandling) and var spoiler)
                        {
                            var received = EmulatorContext.ReadAhead(raw, below, twinBase, body);
                            received.AnswerFault = spoiler;
                            await twin.Routes.HandleAsync(received).ConfigureAwait(false);
                        }

                        break;
                }

                return;
            }

            raw.Response.StatusCode = 404;
            raw.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or System.IO.IOException)
        {
            // The client went away mid-answer; nothing to tell it.
        }
        catch (Exception ex)
        {
            try
            {
                await new EmulatorContext(raw, path, Root).RespondJsonAsync(500, new JsonObject { ["error"] = "emulator fault: " + ex.Message }).ConfigureAwait(false);
            }
            catch (Exception answerFailure) when (answerFailure is HttpListenerException or ObjectDisposedException or InvalidOperationException or System.IO.IOException)
            {
                // Could not even answer; the connection is gone.
            }
        }
    }

    /// <summary>Records a request as it arrived (when the recorder keeps anything).</summary>
    private void Record(HttpListenerContext raw, DateTimeOffset receivedAt, string? provider, byte[] body) =>
        Recorder.Add(() => Describe(raw.Request, receivedAt, provider, body));

    /// <summary>A request as recorded: its body and query with secrets masked, its credential never.</summary>
    private RecordedRequest Describe(HttpListenerRequest request, DateTimeOffset receivedAt, string? provider, byte[] body)
    {
        var authorization = request.Headers["Authorization"];
        var space = authorization?.IndexOf(' ') ?? -1;
        var secrets = new[] { Options.ApiKey, CredentialOf(request) };
        return new RecordedRequest(
            receivedAt,
            provider,
            request.HttpMethod,
            request.Url?.AbsolutePath ?? "/",
            SecretMask.Query(request.Url?.Query.TrimStart('?') ?? string.Empty, secrets),
            string.IsNullOrEmpty(authorization) ? null : space < 0 ? SecretMask.Masked : authorization!.Substring(0, space),
            request.ContentType,
            SecretMask.Body(body, request.ContentType, secrets));
    }

    /// <summary>Counts a call in the fault plan and records the fault that hits it, if any.</summary>
    private FaultRule? NextFault(string? provider, string endpoint)
    {
        var rule = Options.Faults.Next(provider ?? string.Empty, endpoint, out var call);
        if (rule is not null)
        {
            Recorder.Add(new RecordedFault(DateTimeOffset.UtcNow, provider, endpoint, call, rule));
        }

        return rule;
    }

    /// <summary>The twin a path (without its leading '/') is served by, the path below its prefix, and its base address.</summary>
    private (IProviderTwin Twin, string Below, Uri Base)? TwinAt(string path)
    {
        var parts = path.Split(new[] { '/' }, 2);
        return _twins.TryGetValue(parts[0], out var twin)
            ? (twin, parts.Length == 2 ? "/" + parts[1] : "/", new Uri(Root, twin.Prefix))
            : null;
    }

    /// <summary>Cuts the connection now and handles the request later, when its client has long given up on the answer.</summary>
    private async Task HandleLateAsync(HttpListenerContext raw, IProviderTwin twin, EmulatorContext detached, int delayMilliseconds)
    {
        await EmulatorContext.CutAsync(raw.Response).ConfigureAwait(false);
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(delayMilliseconds, _stopping.Token).ConfigureAwait(false);
                await twin.Routes.HandleAsync(detached).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The emulator stopped first: the request is never handled, as on a provider that went down.
            }
        });
    }

    /// <summary>
    /// Applies the fault plan's verdict for this call: answers it outright (a status, a dropped connection),
    /// delays it, or returns the fault that should spoil its answer.
    /// </summary>
    private async Task<FaultAction?> AnswerWithFaultAsync(HttpListenerContext raw, IProviderTwin? twin, FaultRule? rule)
    {
        switch (rule?.Action)
        {
            case null:
                return null;
            case FaultAction.Delay:
                await Task.Delay(rule.DelayMilliseconds).ConfigureAwait(false);
                return null;
            case FaultAction.DropBeforeHandling:
                await EmulatorContext.CutAsync(raw.Response).ConfigureAwait(false);
                return FaultAction.DropBeforeHandling;
            case FaultAction.Status:
                if (rule.RetryAfterSeconds is { } seconds)
                {
                    raw.Response.Headers["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                else if (rule.RetryAfterDateSeconds is { } ahead)
                {
                    raw.Response.Headers["Retry-After"] = DateTimeOffset.UtcNow.AddSeconds(ahead).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                }

                var body = rule.Body?.Replace(FaultRule.CredentialPlaceholder, CredentialOf(raw.Request))
                    ?? (twin?.ErrorBody(rule.StatusCode, "emulated fault") ?? new JsonObject { ["message"] = "emulated fault" }).ToJsonString();
                await new EmulatorContext(raw, string.Empty, Root).RespondAsync(rule.StatusCode, "application/json", System.Text.Encoding.UTF8.GetBytes(body)).ConfigureAwait(false);
                return FaultAction.Status;
            default:
                return rule.Action;
        }
    }

    /// <summary>The credential a request carried: its Authorization header after the scheme word ("Bearer", "Key", "Token").</summary>
    private static string CredentialOf(HttpListenerRequest request)
    {
        var header = request.Headers["Authorization"] ?? string.Empty;
        var space = header.IndexOf(' ');
        return space < 0 ? header : header.Substring(space + 1).Trim();
    }

    /// <summary>
    /// What the emulator saw, for tests and the benchmark: request and task counts, the concurrency high-water
    /// marks, bytes served, status requests, and for each finished task how long after it finished a client
    /// first heard so (detection latency).
    /// </summary>
    private JsonObject Statistics()
    {
        var tasks = Tasks.Snapshot();
        var detections = tasks
            .Where(task => task.CompletedAt is not null && task.FirstReportedFinishedAt is not null)
            .Select(task => (JsonNode)JsonValue.Create((task.FirstReportedFinishedAt!.Value - task.CompletedAt!.Value).TotalMilliseconds)!)
            .ToArray();
        return new JsonObject
        {
            ["requests"] = Interlocked.Read(ref _requestCount),
            ["recordsDropped"] = Recorder.Dropped,
            ["tasks"] = tasks.Count,
            ["succeeded"] = tasks.Count(task => task.State == EmulatedTaskState.Succeeded),
            ["statusRequests"] = tasks.Sum(task => task.StatusRequests),
            ["maxUnfinishedPerKey"] = Tasks.MaxUnfinishedPerKey,
            ["maxRunningPerKey"] = Tasks.MaxRunningPerKey,
            ["bytesServed"] = Files.BytesServed,
            ["detectionLatencyMs"] = new JsonArray(detections),
            ["firstCreatedAt"] = tasks.Count == 0 ? null : tasks.Min(task => task.CreatedAt).ToString("O"),
            ["lastCompletedAt"] = tasks.Any(task => task.CompletedAt is not null) ? tasks.Max(task => task.CompletedAt)!.Value.ToString("O") : null,
        };
    }

    /// <summary>Every task the emulator holds (for soak checks: what was created, and from which prompt).</summary>
    private JsonArray TaskList() => new(Tasks.Snapshot().Select(task => (JsonNode)new JsonObject
    {
        ["id"] = task.Id,
        ["provider"] = task.Spec.Provider,
        ["prompt"] = task.Spec.Prompt,
        ["state"] = task.State.ToString(),
        ["createdAt"] = task.CreatedAt.ToString("O"),
    }).ToArray());

    private async Task TickAsync()
    {
        // Moves simulated time on between requests, so tasks finish (and webhooks fire) when they are due.
        while (!_stopping.IsCancellationRequested)
        {
            Tasks.Advance();
            try
            {
                await Task.Delay(50, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>A port no listener holds now (another process may take it before it is bound).</summary>
    internal static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Close();
        Webhooks.Dispose();
        try
        {
            Task.WaitAll(_acceptLoops.Append(_ticker).ToArray(), TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loops end by cancellation; nothing else to report.
        }

        // Last, so the server is down whatever it reports: a video that could not be written is an error to see.
        _outputFolder?.Dispose();
    }
}
