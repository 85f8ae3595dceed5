using System.Collections;
using System.Linq;
using Seedance.Commands.Cmdlets;

namespace Seedance.Commands.Runtime;

/// <summary>Builds the engine's VideoRequest from New-SeedanceVideo's bound parameters.</summary>
internal static class VideoRequestBinding
{
    public static VideoRequest From(NewSeedanceVideoCommand command)
    {
        var bound = command.MyInvocation.BoundParameters;
        var request = new VideoRequest
        {
            Prompt = command.Prompt,
            Model = command.Model,
            DurationSeconds = command.Duration,
            Resolution = command.Resolution,
            AspectRatio = command.AspectRatio,
            Seed = command.Seed,
            MotionStrength = command.MotionStrength,
            WebhookUrl = command.WebhookUrl,
            // Switches are sent only when given, so -GenerateAudio:$false turns audio off explicitly.
            GenerateAudio = bound.ContainsKey(nameof(command.GenerateAudio)) ? command.GenerateAudio.IsPresent : null,
            CameraFixed = bound.ContainsKey(nameof(command.CameraFixed)) ? command.CameraFixed.IsPresent : null,
            Watermark = bound.ContainsKey(nameof(command.Watermark)) ? command.Watermark.IsPresent : null,
            LastImage = command.LastImage is null ? null : PathResolution.Image(command, command.LastImage),
        };
        foreach (var image in command.Image ?? new string[0])
        {
            request.Images.Add(PathResolution.Image(command, image));
        }

        foreach (var shot in command.Shot ?? new string[0])
        {
            request.Shots.Add(shot);
        }

        foreach (DictionaryEntry field in command.ExtraField ?? new Hashtable())
        {
            request.ExtraFields[field.Key.ToString()!] = field.Value is System.Management.Automation.PSObject wrapped ? wrapped.BaseObject : field.Value;
        }

        return request;
    }

    /// <summary>What ShouldProcess and errors name: the images, or the start of the prompt for text-only tasks.</summary>
    public static string Describe(VideoRequest request)
    {
        if (request.Images.Count > 0)
        {
            return string.Join(", ", request.Images.Select(image => image.ToString()));
        }

        var prompt = request.Prompt ?? string.Empty;
        return prompt.Length > 60 ? "'" + prompt.Substring(0, 57) + "...'" : "'" + prompt + "'";
    }
}
