using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Seedance.Emulator.Server;
using Seedance.Emulator.Tasks;

namespace Seedance.Emulator.Twins;

/// <summary>
/// WaveSpeedAI v3: <c>POST /api/v3/{model}</c> (webhook as <c>?webhook=</c>), <c>GET
/// /api/v3/predictions/{id}/result</c>, <c>DELETE /api/v3/predictions/{id}</c>; every answer (errors too)
/// in a <c>{code, message, data}</c> envelope; statuses created, processing, completed, failed.
/// </summary>
internal sealed class WaveSpeedTwin : IProviderTwin
{
    private const string ApiRoot = "/api/v3/";
    private const string Predictions = "/api/v3/predictions/";

    // Image-to-video pages exist in two published shapes: the brief's `images` array (1-4, durations 5/10/15)
    // and the newer `image` + `last_image` (durations 4-15). Both are accepted.
    private static readonly HashSet<string> Models = new(StringComparer.Ordinal)
    {
        "bytedance/seedance-2.0-fast/image-to-video",
        "bytedance/seedance-2.0-fast/image-to-video-turbo",
        "bytedance/seedance-2.0-fast/image-to-video-spicy",
        "bytedance/seedance-2.0-fast/text-to-video",
        "bytedance/seedance-2.0/image-to-video",
        "bytedance/seedance-2.0/text-to-video",
    };

    private readonly EmulatorServices _services;

    public WaveSpeedTwin(EmulatorServices services)
    {
        _services = services;
        _services.Tasks.Finished += SendWebhook;
    }

    public string Provider => "WaveSpeed";

    public string Prefix => "wavespeed";

    public string EndpointOf(string method, string path) => (method, path) switch
    {
        ("POST", _) when path.StartsWith(ApiRoot, StringComparison.Ordinal) && !path.StartsWith(Predictions, StringComparison.Ordinal) => "submit",
        ("GET", _) when path.StartsWith(Predictions, StringComparison.Ordinal) => "status",
        ("DELETE", _) when path.StartsWith(Predictions, StringComparison.Ordinal) => "cancel",
        _ => "other",
    };

    public JsonNode ErrorBody(int status, string message) =>
        new JsonObject { ["code"] = status, ["message"] = message, ["data"] = null };

    public async Task HandleAsync(EmulatorContext context)
    {
        if (!_services.Accepts(context.Credential("Bearer")))
        {
            await Error(context, 401, "Unauthorized: invalid or missing API key").ConfigureAwait(false);
            return;
        }

        var path = context.Path;
        if (path.StartsWith(Predictions, StringComparison.Ordinal))
        {
            var rest = path.Substring(Predictions.Length).Split('/');
            var id = Uri.UnescapeDataString(rest[0]);
            if (context.Method == "GET" && (rest.Length == 1 || (rest.Length == 2 && rest[1] == "result")))
            {
                await StatusAsync(context, id).ConfigureAwait(false);
                return;
            }

            if (context.Method == "DELETE" && rest.Length == 1)
            {
                await DeleteAsync(context, id).ConfigureAwait(false);
                return;
            }
        }
        else if (context.Method == "POST" && path.StartsWith(ApiRoot, StringComparison.Ordinal))
        {
            var model = path.Substring(ApiRoot.Length);
            if (Models.Contains(model))
            {
                await SubmitAsync(context, model).ConfigureAwait(false);
                return;
            }
        }

        await Error(context, 404, "Not Found").ConfigureAwait(false);
    }

    private async Task SubmitAsync(EmulatorContext context, string model)
    {
        var raw = await context.ReadBodyAsync().ConfigureAwait(false);
        var body = EmulatorContext.ParseObject(raw);
        if (body is null)
        {
            await Error(context, 400, "Invalid JSON body").ConfigureAwait(false);
            return;
        }

        var problem = Validate(model, body, out var spec);
        if (problem is not null)
        {
            await Error(context, 400, problem).ConfigureAwait(false);
            return;
        }

        spec.RawBody = raw;
        spec.WebhookUrl = context.Query["webhook"];
        var task = _services.Tasks.Create(Guid.NewGuid().ToString("N"), context.Credential("Bearer")!, spec);

        // The submit answer always reports the task as just created, as WaveSpeed's does.
        var created = Prediction(task, context.TwinBase);
        created["status"] = "created";
        await Ok(context, created).ConfigureAwait(false);
    }

    private static string? Validate(string model, JsonObject body, out EmulatedTaskSpec spec)
    {
        spec = new EmulatedTaskSpec { Provider = "WaveSpeed", Model = model };
        var prompt = body["prompt"]?.GetValue<string>();
        var textOnly = model.EndsWith("text-to-video", StringComparison.Ordinal);
        if (string.IsNullOrWhiteSpace(prompt) && !model.EndsWith("-spicy", StringComparison.Ordinal))
        {
            return "prompt is required";
        }

        spec.Prompt = prompt ?? string.Empty;
        var images = body["images"] as JsonArray;
        var image = body["image"]?.GetValue<string>();
        var arrayShape = images is not null;
        if (!textOnly)
        {
            if (arrayShape && (images!.Count < 1 || images.Count > 4))
            {
                return "images must contain between 1 and 4 items";
            }

            if (!arrayShape && string.IsNullOrWhiteSpace(image))
            {
                return "image is required";
            }

            spec.ImageCount = arrayShape ? images!.Count : 1 + (body["last_image"] is null ? 0 : 1);
        }

        var duration = body["duration"] is { } value ? (int)value.GetValue<double>() : 5;
        var allowed = arrayShape ? new[] { 5, 10, 15 } : Enumerable.Range(4, 12).ToArray();
        if (!allowed.Contains(duration))
        {
            return $"duration must be one of {string.Join(", ", allowed)}";
        }

        spec.DurationSeconds = duration;
        spec.Resolution = body["resolution"]?.GetValue<string>() ?? "720p";
        spec.AspectRatio = body["aspect_ratio"]?.GetValue<string>();
        spec.Audio = body["generate_audio"]?.GetValue<bool>() ?? true;
        return null;
    }

    private async Task StatusAsync(EmulatorContext context, string id)
    {
        var task = _services.Tasks.Observe(id);
        if (task is null || task.Spec.Provider != Provider)
        {
            await Error(context, 404, "prediction not found").ConfigureAwait(false);
            return;
        }

        await Ok(context, Prediction(task, context.TwinBase)).ConfigureAwait(false);
    }

    private async Task DeleteAsync(EmulatorContext context, string id)
    {
        var before = _services.Tasks.Cancel(id, runningToo: false);
        if (before is null)
        {
            await Error(context, 404, "prediction not found").ConfigureAwait(false);
            return;
        }

        // A finished task's record is deleted; a processing one keeps running ("may not stop immediately").
        _services.Tasks.Delete(id);
        await Ok(context, new JsonObject { ["id"] = id, ["status"] = "deleted" }).ConfigureAwait(false);
    }

    private JsonObject Prediction(EmulatedTask task, Uri twinBase)
    {
        var succeeded = task.State == EmulatedTaskState.Succeeded;
        return new JsonObject
        {
            ["id"] = task.Id,
            ["model"] = task.Spec.Model,
            ["outputs"] = succeeded ? new JsonArray(_services.VideoUrl(task).AbsoluteUri) : new JsonArray(),
            ["urls"] = new JsonObject { ["get"] = new Uri(twinBase, $"{twinBase.AbsolutePath.TrimEnd('/')}/api/v3/predictions/{task.Id}/result").AbsoluteUri },
            ["has_nsfw_contents"] = task.IsFinal && task.State != EmulatedTaskState.Cancelled ? new JsonArray(task.RefusedByPolicy) : new JsonArray(),
            ["status"] = task.State switch
            {
                EmulatedTaskState.Queued => "created",
                EmulatedTaskState.Running => "processing",
                EmulatedTaskState.Succeeded => "completed",
                EmulatedTaskState.Cancelled => "cancelled",
                _ => "failed",
            },
            ["created_at"] = task.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"),
            ["error"] = task.State == EmulatedTaskState.Failed ? task.Error : string.Empty,
            ["timings"] = new JsonObject { ["inference"] = task.CompletedAt is { } done && task.StartedAt is { } start ? (long)(done - start).TotalMilliseconds : 0 },
        };
    }

    private void SendWebhook(EmulatedTask task)
    {
        if (task.Spec.Provider != Provider || string.IsNullOrEmpty(task.Spec.WebhookUrl) || task.State == EmulatedTaskState.Cancelled)
        {
            return;
        }

        // WaveSpeed posts the bare prediction object, without the envelope.
        var body = Prediction(task, new Uri(_services.Root, Prefix));
        _services.Webhooks.Send(task.Spec.WebhookUrl!, body.ToJsonString(), new Dictionary<string, string>());
    }

    private static Task Ok(EmulatorContext context, JsonNode data) =>
        context.RespondJsonAsync(200, new JsonObject { ["code"] = 200, ["message"] = "success", ["data"] = data });

    private Task Error(EmulatorContext context, int status, string message) =>
        context.RespondJsonAsync(status, ErrorBody(status, message));
}
