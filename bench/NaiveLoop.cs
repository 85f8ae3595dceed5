using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace Seedance.Bench;

/// <summary>
/// The product brief's example, as a hand-rolled loop would do it: submit one video, poll every 5 seconds
/// until it is done, download it, then the next — one video at a time.
/// </summary>
internal static class NaiveLoop
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    public static async Task<RunResult> RunAsync(EmulatorProcess emulator, Scenario scenario, string folder)
    {
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorProcess.Key);
        var api = emulator.BaseUris["WaveSpeed"].AbsoluteUri.TrimEnd('/') + "/api/v3/";
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < scenario.Tasks; i++)
        {
            var body = $"{{\"images\":[\"https://images.example.com/shot{i}.jpg\"],\"prompt\":\"bench: slow orbital pan\",\"duration\":5}}";
            using var submitted = await client.PostAsync(api + "bytedance/seedance-2.0-fast/image-to-video", new StringContent(body, Encoding.UTF8, "application/json")).ConfigureAwait(false);
            var id = Data(await submitted.Content.ReadAsStringAsync().ConfigureAwait(false)).GetProperty("id").GetString();
            string? video = null;
            while (video is null)
            {
                await Task.Delay(PollInterval).ConfigureAwait(false);
                var data = Data(await client.GetStringAsync($"{api}predictions/{id}/result").ConfigureAwait(false));
                if (data.GetProperty("status").GetString() == "completed")
                {
                    video = data.GetProperty("outputs")[0].GetString();
                }
            }

            var path = Path.Combine(folder, $"naive{i}.mp4");
            await File.WriteAllBytesAsync(path, await client.GetByteArrayAsync(video).ConfigureAwait(false)).ConfigureAwait(false);
            File.Delete(path);
        }

        return new RunResult("naive loop", scenario, clock.Elapsed) { VideosVerified = 0 };
    }

    private static JsonElement Data(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("data").Clone();
    }
}
