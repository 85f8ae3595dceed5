using System.Collections;
using System.Linq;
using System.Management.Automation;
using Seedance.Commands.Cmdlets;

namespace Seedance.Commands.Runtime;

/// <summary>Builds the engine's VideoRequest from a request cmdlet's bound parameters.</summary>
internal static class VideoRequestBinding
{
    public static VideoRequest From(VideoRequestCmdlet command)
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
            WebhookUrl = command.WebhookUrl,
            // Switches are sent only when given, so -GenerateAudio:$false turns audio off explicitly.
            GenerateAudio = bound.ContainsKey(nameof(command.GenerateAudio)) ? command.GenerateAudio.IsPresent : null,
            CameraFixed = bound.ContainsKey(nameof(command.CameraFixed)) ? command.CameraFixed.IsPresent : null,
            Watermark = bound.ContainsKey(nameof(command.Watermark)) ? command.Watermark.IsPresent : null,
            ReturnLastFrame = bound.ContainsKey(nameof(command.ReturnLastFrame)) ? command.ReturnLastFrame.IsPresent : null,
            LastImage = command.LastImage is null ? null : PathResolution.Image(command, command.LastImage),
        };
        foreach (var image in command.Image ?? new string[0])
        {
            request.Images.Add(PathResolution.Image(command, image));
        }

        if (command.ReferenceImage is { Length: > 0 } references)
        {
            if (request.Images.Count > 0)
            {
                throw new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.ReferenceImageWithImage,
                    "-ReferenceImage cannot be given with -Image: -Image is a first frame (or, several, references by the model's endpoint), -ReferenceImage always references, and a task is one or the other. Give all the images as -ReferenceImage, or as -Image.") { ParameterName = "ReferenceImage" };
            }

            request.ImagesAreReferences = true;
            foreach (var image in references)
            {
                request.Images.Add(PathResolution.Image(command, image));
            }
        }

        foreach (var video in command.ReferenceVideo ?? new string[0])
        {
            request.ReferenceVideos.Add(PathResolution.Media(command, video, nameof(command.ReferenceVideo)));
        }

        foreach (var audio in command.ReferenceAudio ?? new string[0])
        {
            request.ReferenceAudios.Add(PathResolution.Media(command, audio, nameof(command.ReferenceAudio)));
        }

        foreach (var shot in command.Shot ?? new string[0])
        {
            request.Shots.Add(shot);
        }

        foreach (DictionaryEntry field in command.ExtraField ?? new Hashtable())
        {
            request.ExtraFields[field.Key.ToString()!] = Plain(field.Value, 0);
        }

        return request;
    }

    /// <summary>
    /// A PowerShell value as plain data for the engine, which knows no PowerShell types: the PSObject wrappers that
    /// command output carries (Get-Content's lines, for one) removed at every level of arrays and hashtables. Past
    /// 64 levels the value is passed on as it is, and the engine refuses it as too deep (a hashtable holding itself).
    /// </summary>
    private static object? Plain(object? value, int depth)
    {
        if (depth > 64)
        {
            return value;
        }

        switch (value is PSObject wrapped ? wrapped.BaseObject : value)
        {
            case IDictionary dictionary:
                var members = new Hashtable();
                foreach (DictionaryEntry entry in dictionary)
                {
                    members[entry.Key] = Plain(entry.Value, depth + 1);
                }

                return members;
            case IEnumerable items and not string:
                return items.Cast<object?>().Select(item => Plain(item, depth + 1)).ToList();
            case var plain:
                return plain;
        }
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
