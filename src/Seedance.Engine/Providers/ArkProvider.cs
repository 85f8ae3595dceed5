using System.Text.Json;
using System.Text.Json.Nodes;
using Seedance.Http;
using Seedance.Providers.Models;
using Seedance.Requests;
using Seedance.Tasks;

namespace Seedance.Providers;

/// <summary>
/// ByteDance's own API, sold as BytePlus ModelArk (international) and Volcengine Ark (China):
/// <c>POST {base}/contents/generations/tasks</c> with a <c>content[]</c> array of text and role-tagged images,
/// <c>GET {base}/contents/generations/tasks/{id}</c>, <c>GET {base}/contents/generations/tasks</c> (list) and
/// <c>DELETE {base}/contents/generations/tasks/{id}</c>; errors as <c>{"error":{code,message,param,type}}</c>.
/// </summary>
public sealed class ArkProvider : IVideoProvider, ITaskLister, IWebhookSource
{
    public const string Name = "Ark";

    public const string BytePlusRegion = "BytePlus";

    public const string VolcengineRegion = "Volcengine";

    private const string TasksPath = "contents/generations/tasks";

    /// <summary>The end-user reference Ark keeps with a task and lists: where a submit's own reference goes.</summary>
    private const string ReferenceField = "safety_identifier";

    /// <summary>Tasks read per listing after a lost submit (Ark serves up to 500 a page).</summary>
    private const int ListPageSize = 100;

    private static readonly OptionFields OptionFields = new() { AspectRatio = "ratio", WebhookUrl = "callback_url" };

    private static readonly Uri BytePlusBase = new("https://ark.ap-southeast.bytepluses.com/api/v3");

    private static readonly Uri VolcengineBase = new("https://ark.cn-beijing.volces.com/api/v3");

    /// <summary>Ark's status words; "succeeded" without a video is read as a failure.</summary>
    private static readonly IReadOnlyDictionary<string, TaskState> StatusWords = new Dictionary<string, TaskState>(StringComparer.Ordinal)
    {
        ["queued"] = TaskState.Queued,
        ["running"] = TaskState.Running,
        ["succeeded"] = TaskState.Succeeded,
        ["failed"] = TaskState.Failed,
        ["cancelled"] = TaskState.Cancelled,
        ["expired"] = TaskState.Expired,
    };

    /// <summary>
    /// Ark's documented error codes (Volcengine's common error codes), matched as fragments in this order, so
    /// <c>InvalidParameter.Duration</c> and every <c>Input…RiskDetection</c> / <c>…SensitiveContentDetected</c>
    /// variant are covered. A code not listed falls back to its HTTP status.
    /// </summary>
    private static readonly (string Fragment, SeedanceErrorCategory Category)[] ErrorCodes =
    {
        ("AuthenticationError", SeedanceErrorCategory.Authentication),
        ("AccessDenied", SeedanceErrorCategory.Authentication),
        ("AccountOverdueError", SeedanceErrorCategory.InsufficientBalance),
        // Exhausted free quota or a spending limit the account set: 429s that waiting does not cure.
        ("QuotaExceeded", SeedanceErrorCategory.InsufficientBalance),
        ("SetLimitExceeded", SeedanceErrorCategory.InsufficientBalance),
        ("ContentSecurityDetectionError", SeedanceErrorCategory.Server),
        ("RiskDetection", SeedanceErrorCategory.ContentPolicy),
        ("SensitiveContentDetected", SeedanceErrorCategory.ContentPolicy),
        ("InvalidParameter", SeedanceErrorCategory.Validation),
        ("MissingParameter", SeedanceErrorCategory.Validation),
        ("OperationDenied", SeedanceErrorCategory.Validation),
        ("ModelNotOpen", SeedanceErrorCategory.NotFound),
        ("InvalidEndpointOrModel", SeedanceErrorCategory.NotFound),
    };

    public ProviderInfo Info { get; } = new(Name, BytePlusBase, "Bearer", new[] { "ARK_API_KEY" }, ArkModels.All)
    {
        Aliases = new[] { "BytePlus", "ModelArk", "Volcengine" },
        Regions = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase)
        {
            [BytePlusRegion] = BytePlusBase,
            [VolcengineRegion] = VolcengineBase,
        },
        CancelBehaviour = "Only a queued task can be cancelled; once running it runs to the end and is billed.",
        WebhookBehaviour = "callback_url: Ark POSTs the task, shaped like a status answer, on each status change; unsigned, so re-query before trusting it",
        OutputRetention = "24 hours (task records 7 days)",
        OutputLifetime = TimeSpan.FromHours(24),
        ClientReferenceField = ReferenceField,
        TakesAssetIds = true,
        // Ark takes reference audio as a URL, an asset id or base64, reference video only as a URL or an asset id.
        TakesInlineAudio = true,
        InlineImageLimitBytes = ArkModels.MaxImageBytes,
        // Beyond ByteDance's own names: content[] carries the prompt and every image (and would carry reference
        // media); frames is Ark's other way to set the length, and draft forces 480p.
        ReservedFields = ReservedFields.Seedance()
            .SetBy("Prompt and -Image", "content")
            .SetBy("Duration", "frames")
            .SetBy("Resolution", "draft")
            .SetBy("WebhookUrl", "callback_url"),
    };

    public async Task<VideoTask> SubmitAsync(ProviderContext context, PreparedRequest request, CancellationToken cancellationToken)
    {
        var model = WireModelId(context, request.Model);
        var body = new JsonObject
        {
            ["model"] = model,
            ["content"] = Content(request),
            ["duration"] = request.WireDuration,
        };
        OptionFields.AddTo(body, request);
        // Ark keeps the end-user reference with the task and lists it: this submit's own, to find it by if the answer is
        // lost. A reference the user chose (-ExtraField safety_identifier) goes out with the other extra fields instead.
        if (!request.ExtraFields.Keys.Any(field => string.Equals(field, ReferenceField, StringComparison.OrdinalIgnoreCase)))
        {
            WireJson.AddIfSet(body, ReferenceField, request.ClientReference);
        }

        WireJson.AddExtraFields(body, request.ExtraFields);

        var response = await SubmitCall.PostAsync(context, TasksPath, body, "submit a video task", cancellationToken).ConfigureAwait(false);
        return SubmitCall.TaskId(response.Json, Name, model);
    }

    public async Task<VideoTask> RefreshAsync(ProviderContext context, VideoTask task, CancellationToken cancellationToken)
    {
        var response = await context.Http.SendAsync(new ApiRequest(HttpCallKind.Status, HttpMethod.Get, context.Resolve($"{TasksPath}/{Uri.EscapeDataString(task.Id)}"))
        {
            Purpose = $"report on task {task.Id}",
        }, cancellationToken).ConfigureAwait(false);
        return ReadTask(response.Json, task);
    }

    public async Task<CancelOutcome> CancelAsync(ProviderContext context, VideoTask task, CancellationToken cancellationToken)
    {
        try
        {
            await context.Http.SendAsync(new ApiRequest(HttpCallKind.Cancel, HttpMethod.Delete, context.Resolve($"{TasksPath}/{Uri.EscapeDataString(task.Id)}"))
            {
                Purpose = $"cancel task {task.Id}",
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (SeedanceException refused) when (refused.Category == SeedanceErrorCategory.Validation)
        {
            // Ark refuses to delete a running task: it runs to the end and is billed.
            SeedanceLog.Verbose(refused.Message);
            return CancelOutcome.NotSupported;
        }

        return CancelOutcome.Cancelled;
    }

    /// <summary>
    /// Ark's own record of this key's tasks of the last 7 days, one page of them, optionally only those in
    /// <paramref name="state"/> or with the given ids: what to check before submitting a task again whose submit
    /// may or may not have arrived.
    /// </summary>
    public async Task<IReadOnlyList<VideoTask>> ListRecentAsync(ProviderContext context, TaskState? state = null, IEnumerable<string>? taskIds = null, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        if (pageSize is < 1 or > 500)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "Ark lists 1 to 500 tasks per page.");
        }

        return (await ListItemsAsync(context, state, taskIds, 1, pageSize, cancellationToken).ConfigureAwait(false))
            .Select(item => ReadTask(item, new VideoTask(item.Text("id")!, Name, item.Text("model") ?? string.Empty)))
            .ToList();
    }

    /// <summary>One page of Ark's task list, newest first: the items that carry an id.</summary>
    private static async Task<IEnumerable<JsonElement>> ListItemsAsync(ProviderContext context, TaskState? state, IEnumerable<string>? taskIds, int pageNumber, int pageSize, CancellationToken cancellationToken)
    {
        var query = new List<string> { $"page_num={pageNumber}", $"page_size={pageSize}" };
        if (state is { } wanted)
        {
            query.Add("filter.status=" + StatusWords.First(pair => pair.Value == wanted).Key);
        }

        query.AddRange((taskIds ?? Enumerable.Empty<string>()).Select(id => "filter.task_ids=" + Uri.EscapeDataString(id)));
        var response = await context.Http.SendAsync(new ApiRequest(HttpCallKind.List, HttpMethod.Get, context.Resolve($"{TasksPath}?{string.Join("&", query)}"))
        {
            Purpose = "list recent tasks",
        }, cancellationToken).ConfigureAwait(false);
        return response.Json.Items("items").Where(item => item.Text("id") is not null).ToList();
    }

    /// <summary>
    /// This key's tasks created since <paramref name="since"/>, as Ark lists them, newest first, page by page (Ark
    /// has no time filter): its list shows no prompt or images, but the <c>safety_identifier</c> a submit carried
    /// (the reference a lost submit is recognised by), and the duration, resolution and ratio it runs with.
    /// </summary>
    Task<TaskListing> ITaskLister.ListRecentAsync(ProviderContext context, ModelInfo model, DateTimeOffset since, CancellationToken cancellationToken) =>
        TaskListing.ReadPagesAsync(since, async cursor =>
        {
            var page = cursor is null ? 1 : int.Parse(cursor, System.Globalization.CultureInfo.InvariantCulture);
            var items = (await ListItemsAsync(context, null, null, page, ListPageSize, cancellationToken).ConfigureAwait(false)).ToList();
            var tasks = items
                .Select(item => new ListedTask(ReadTask(item, new VideoTask(item.Text("id")!, Name, item.Text("model") ?? string.Empty)))
                {
                    ClientReference = item.Text(ReferenceField),
                    DurationSeconds = (int?)item.Integer("duration"),
                    Resolution = item.Text("resolution"),
                    AspectRatio = item.Text("ratio"),
                })
                .ToList();
            return new ListPage(tasks, items.Count < ListPageSize ? null : (page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        });

    public ApiFailure DescribeFailure(ApiResponse response)
    {
        var body = WireJson.TryParse(response.Body);
        var code = body?.Text("error", "code");
        var message = body?.Text("error", "message") ?? body?.Text("message") ?? response.StatusCode.ToString();
        var category = ErrorCodes.Where(entry => code?.IndexOf(entry.Fragment, StringComparison.Ordinal) >= 0).Select(entry => (SeedanceErrorCategory?)entry.Category).FirstOrDefault()
            ?? ApiFailure.CategoryOf((int)response.StatusCode);
        if (code is "ModelNotOpen" or "InvalidEndpointOrModel.NotFound")
        {
            message += $" Activate the model in the {Name} console; model ids differ by region (BytePlus dreamina-…/seedance-…, Volcengine doubao-…), so connect with the -Region the key belongs to.";
        }

        return new ApiFailure(category, message, code);
    }

    /// <summary>A callback is the task as a status answer shows it; unsigned, so it only says which task to ask about.</summary>
    public VideoTask? TaskOf(JsonElement body) => body.Text("id") is { } id ? new VideoTask(id, Name, body.Text("model") ?? string.Empty) : null;

    /// <summary>A snapshot from a status answer, a list item, or a callback body (all the same shape).</summary>
    internal static VideoTask ReadTask(JsonElement data, VideoTask task)
    {
        var status = data.Text("status");
        var video = data.Url("content", "video_url");
        var state = status is not null && StatusWords.TryGetValue(status, out var known) ? known : task.Lifecycle;
        var error = data.Text("error", "message") ?? status switch
        {
            "failed" => $"{Name} reported the task failed without giving a reason.",
            "expired" => $"{Name} expired the task: it did not finish within its execution_expires_after window (48 hours unless set).",
            _ => null,
        };
        return task.Next(state, video, error, data.Text("error", "code"), data.Time("created_at"), data.Time("updated_at")) with
        {
            DurationSeconds = task.DurationSeconds ?? (int?)data.Integer("duration"),
            Resolution = task.Resolution ?? data.Text("resolution"),
            AspectRatio = task.AspectRatio ?? data.Text("ratio"),
            LastFrameUrl = data.Url("content", "last_frame_url") ?? task.LastFrameUrl,
        };
    }

    /// <summary>
    /// The region a connection talks to: the one whose host its base URI is (a -BaseUri of Ark's own Volcengine
    /// host is Volcengine whatever -Region said), else the connection's -Region, else BytePlus.
    /// </summary>
    internal string RegionOf(ProviderContext context) =>
        Info.Regions.Where(region => string.Equals(region.Value.Host, context.BaseUri.Host, StringComparison.OrdinalIgnoreCase)).Select(region => region.Key).FirstOrDefault()
        ?? context.Region
        ?? BytePlusRegion;

    /// <summary>The model's id as the connection's region spells it.</summary>
    internal string WireModelId(ProviderContext context, ModelInfo model) =>
        ArkModels.RegionalIds.TryGetValue(RegionOf(context), out var ids) && ids.TryGetValue(model.Id, out var regional) ? regional : model.Id;

    /// <summary>
    /// A text item for the prompt, then the images by role (one is the first frame, several are references), then the
    /// reference videos and audio.
    /// </summary>
    private static JsonArray Content(PreparedRequest request)
    {
        var content = new JsonArray();
        if (request.Prompt is { } prompt)
        {
            content.Add(new JsonObject { ["type"] = "text", ["text"] = prompt });
        }

        var role = request.ImagesAreReferences ? "reference_image" : "first_frame";
        foreach (var image in request.Images)
        {
            content.Add(Image(image.WireValue, role));
        }

        if (request.LastImage is { } last)
        {
            content.Add(Image(last.WireValue, "last_frame"));
        }

        foreach (var video in request.ReferenceVideos)
        {
            content.Add(Media("video_url", video.WireValue, "reference_video"));
        }

        foreach (var audio in request.ReferenceAudios)
        {
            content.Add(Media("audio_url", audio.WireValue, "reference_audio"));
        }

        return content;
    }

    private static JsonObject Image(string url, string role) => Media("image_url", url, role);

    /// <summary>One content item: <c>{"type":kind,kind:{"url":…},"role":role}</c>, the shape of images, videos and audio alike.</summary>
    private static JsonObject Media(string kind, string url, string role) =>
        new() { ["type"] = kind, [kind] = new JsonObject { ["url"] = url }, ["role"] = role };
}
