using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Http;
using Seedance.Requests;

namespace Seedance.Providers;

/// <summary>
/// WaveSpeedAI's v3 API: <c>POST /api/v3/{model}</c>, <c>GET /api/v3/predictions/{id}/result</c>,
/// <c>DELETE /api/v3/predictions/{id}</c>, every answer in a <c>{code, message, data}</c> envelope.
/// </summary>
public sealed class WaveSpeedProvider : IVideoProvider
{
    public const string Name = "WaveSpeed";

    public ProviderInfo Info { get; } = new(Name, new Uri("https://api.wavespeed.ai"), "Bearer", new[] { "WAVESPEED_API_KEY" }, new[]
    {
        // The product brief's shape of this page: an `images` array of 1-4 references, durations 5/10/15,
        // $0.80 per 5 s; output resolution and aspect ratio follow the input.
        new ModelInfo(Name, "bytedance/seedance-2.0-fast/image-to-video", "Seedance 2.0 Fast")
        {
            Aliases = new[] { "seedance-2-0-fast", "seedance-2.0-fast" },
            ImageUse = ImageUse.References,
            MinImages = 1,
            MaxImages = 4,
            Durations = new[] { 5, 10, 15 },
            DefaultDuration = 5,
            DefaultResolution = "720p",
            Options = ModelOptions.Webhook,
            PricePerSecond = new Dictionary<string, decimal> { ["720p"] = 0.16m },
            TypicalGenerationTime = TimeSpan.FromSeconds(35),
        },
    })
    {
        CancelBehaviour = "Deletes the task; one already processing may still finish, with a partial refund at most.",
        OutputRetention = "7 days",
    };

    public async Task<VideoTask> SubmitAsync(ProviderContext context, PreparedRequest request, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["images"] = new JsonArray(request.Images.Select(image => (JsonNode)JsonValue.Create(image.WireValue)!).ToArray()),
            ["prompt"] = request.Prompt,
            ["duration"] = request.DurationSeconds,
        };
        WireJson.AddExtraFields(body, request.Source.ExtraFields);

        var path = "api/v3/" + request.Model.Id;
        if (request.Source.WebhookUrl is { } webhook)
        {
            path += "?webhook=" + Uri.EscapeDataString(webhook.AbsoluteUri);
        }

        var response = await context.Http.SendAsync(new ApiRequest(HttpCallKind.Submit, HttpMethod.Post, context.Resolve(path))
        {
            JsonBody = body.ToJsonString(),
            Purpose = "submit a video task",
        }, cancellationToken).ConfigureAwait(false);

        var data = Envelope(response, "submit");
        var id = data.Text("id") ?? throw WireJson.Missing(Name, "data.id", "submit");
        return ReadPrediction(data, new VideoTask(id, Name, request.Model.Id) { CreatedAt = DateTimeOffset.UtcNow });
    }

    public async Task<VideoTask> RefreshAsync(ProviderContext context, VideoTask task, CancellationToken cancellationToken)
    {
        var response = await context.Http.SendAsync(new ApiRequest(HttpCallKind.Status, HttpMethod.Get, context.Resolve($"api/v3/predictions/{Uri.EscapeDataString(task.Id)}/result"))
        {
            Purpose = $"report on task {task.Id}",
        }, cancellationToken).ConfigureAwait(false);
        return ReadPrediction(Envelope(response, "status"), task);
    }

    public async Task<CancelOutcome> CancelAsync(ProviderContext context, VideoTask task, CancellationToken cancellationToken)
    {
        await context.Http.SendAsync(new ApiRequest(HttpCallKind.Cancel, HttpMethod.Delete, context.Resolve($"api/v3/predictions/{Uri.EscapeDataString(task.Id)}"))
        {
            Purpose = $"cancel task {task.Id}",
        }, cancellationToken).ConfigureAwait(false);

        // WaveSpeed stops a task that has not started; a processing one may still run to the end.
        return task.State == TaskState.Queued ? CancelOutcome.Cancelled : CancelOutcome.Requested;
    }

    public ApiFailure DescribeFailure(ApiResponse response)
    {
        var message = WireJson.TryParse(response.Body)?.Text("message") ?? response.StatusCode.ToString();
        var category = ApiFailure.CategoryOf((int)response.StatusCode);
        if (WireJson.Mentions(message, "balance", "insufficient", "credit", "top up"))
        {
            category = SeedanceErrorCategory.InsufficientBalance;
        }
        else if (WireJson.Mentions(message, "nsfw", "sensitive", "content policy", "moderation"))
        {
            category = SeedanceErrorCategory.ContentPolicy;
        }
        else if ((int)response.StatusCode == 401)
        {
            message += " (a new WaveSpeed key may need a top-up before it is active)";
        }

        return new ApiFailure(category, message);
    }

    /// <summary>The <c>data</c> of a <c>{code, message, data}</c> envelope whose code says success.</summary>
    private static JsonElement Envelope(ApiResponse response, string call)
    {
        var root = response.Json;
        var code = root.Integer("code");
        if (code is not null and not 200)
        {
            throw new SeedanceException(ApiFailure.CategoryOf((int)code.Value), "ProviderError",
                $"{Name} answered the {call} with code {code}: {root.Text("message") ?? "no message"}") { Provider = Name, StatusCode = (int)code.Value };
        }

        return root.Node("data") ?? throw WireJson.Missing(Name, "data", call);
    }

    internal static VideoTask ReadPrediction(JsonElement data, VideoTask task)
    {
        var status = data.Text("status");
        var output = data.Items("outputs").Select(item => item.ValueKind == JsonValueKind.String ? item.GetString() : null).FirstOrDefault(url => url is not null);
        var state = status switch
        {
            "created" => TaskState.Queued,
            "processing" => TaskState.Running,
            "completed" when output is not null => TaskState.Succeeded,
            "completed" => TaskState.Failed,
            "failed" or "timeout" => TaskState.Failed,
            "cancelled" or "canceled" or "deleted" => TaskState.Cancelled,
            _ => task.State,
        };
        var error = data.Text("error") ?? (status == "completed" && output is null ? "WaveSpeed reported the task completed but gave no output." : null);
        var now = DateTimeOffset.UtcNow;
        return task with
        {
            State = state,
            CreatedAt = data.Time("created_at") ?? task.CreatedAt,
            CheckedAt = now,
            CompletedAt = state.IsFinal() ? task.CompletedAt ?? now : null,
            VideoUrl = output is null ? task.VideoUrl : new Uri(output),
            Error = state == TaskState.Succeeded ? null : error ?? task.Error,
            InferenceMs = data.Integer("timings", "inference") is { } ms and > 0 ? ms : task.InferenceMs,
            NsfwFlags = data.Items("has_nsfw_contents").Where(item => item.ValueKind is JsonValueKind.True or JsonValueKind.False).Select(item => item.GetBoolean()).ToArray(),
        };
    }
}
