using System.Management.Automation;

namespace Seedance.Tests.Cmdlets;

/// <summary>
/// The cmdlets in a real runspace: how PowerShell binds their parameters and pipeline input, what -WhatIf does, the
/// error records users catch, and stopping. (The Pester suite covers the laid-out module end to end.)
/// </summary>
[Collection(PowerShellRunspaceCollection.Name)]
public sealed class CmdletRunspaceTests : IDisposable
{
    private const string Emulator = "$key = ConvertTo-SecureString runspace-key -AsPlainText -Force; $emu = Start-SeedanceEmulator -LatencySec 0.2 -ApiKey $key; ";

    private readonly PowerShellRunspace _shell = new();

    [Fact]
    public void Save_takes_the_folder_as_its_first_positional_argument_and_tasks_from_the_pipeline()
    {
        var (output, errors) = _shell.Run(Emulator +
            "'https://images.example.com/a.jpg', 'https://images.example.com/b.jpg' | New-SeedanceVideo -Prompt 'slow pan' | Save-SeedanceVideo ./videos");

        Assert.Empty(errors);
        Assert.Equal(2, output.Count);
        Assert.All(output.Select(item => (VideoFile)item.BaseObject), file =>
        {
            Assert.Equal(Path.Combine(_shell.Folder.Path, "videos"), Path.GetDirectoryName(file.Path));
            Assert.True(File.Exists(file.Path));
        });
    }

    [Fact]
    public void Wait_and_Stop_still_take_tasks_or_ids_by_position()
    {
        var (output, errors) = _shell.Run(Emulator + "$task = New-SeedanceVideo https://images.example.com/a.jpg 'slow pan'; Wait-SeedanceTask $task; Get-SeedanceTask $task.Id");

        Assert.Empty(errors);
        Assert.Equal(2, output.Count);
        Assert.All(output, item => Assert.Equal(TaskState.Succeeded, ((VideoTask)item.BaseObject).Lifecycle));
    }

    [Fact]
    public void WhatIf_submits_nothing_and_emits_nothing()
    {
        var (output, errors) = _shell.Run(Emulator +
            "$null = 'https://images.example.com/a.jpg' | New-SeedanceVideo -Prompt 'slow pan' -WhatIf; (Invoke-RestMethod ([Uri]::new($emu.Root, '_emulator/stats'))).tasks");

        Assert.Empty(errors);
        Assert.Equal(0L, Convert.ToInt64(output.Single().BaseObject));
    }

    [Fact]
    public void A_bad_pipeline_input_is_a_non_terminating_error_that_names_the_input_and_spares_the_others()
    {
        var (output, errors) = _shell.Run(Emulator +
            "'https://images.example.com/a.jpg', './missing.png', 'https://images.example.com/b.jpg' | New-SeedanceVideo -Prompt 'slow pan'");

        Assert.Equal(2, output.Count);
        var error = Assert.Single(errors);
        Assert.StartsWith("ImageNotFound,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("missing.png", error.TargetObject?.ToString());
    }

    [Fact]
    public void A_bad_parameter_is_a_terminating_error_with_its_id_and_category()
    {
        var error = _shell.Fail(Emulator, "New-SeedanceVideo https://images.example.com/a.jpg -Prompt 'slow pan' -Duration 7");

        Assert.StartsWith("DurationNotSupported,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("Allowed: 5, 10, 15 seconds", error.Exception.Message);
    }

    [Fact]
    public void Stopping_a_waiting_pipeline_ends_it()
    {
        _shell.Run(Emulator);
        var (shell, running) = _shell.Start("'https://images.example.com/a.jpg' | New-SeedanceVideo -Prompt 'pan #stuck' | Wait-SeedanceTask");
        using (shell)
        {
            System.Threading.Thread.Sleep(500);

            shell.Stop();

            Assert.True(running.IsCompleted);
            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        }
    }

    public void Dispose() => _shell.Dispose();
}
