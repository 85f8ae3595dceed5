#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The scripts in examples/ run as their help says, against the emulator, each in a session of its own with its own
# task journal, as a scheduled runbook job is; the examples' own Pester tests (examples/*.Tests.ps1) pass as a user
# would run them.

BeforeAll {
    $manifest = $env:SEEDANCE_MODULE_MANIFEST
    if (-not $manifest) { $manifest = (Resolve-Path "$PSScriptRoot/../../out/Seedance/*/Seedance.psd1" | Select-Object -Last 1).Path }
    $examples = (Resolve-Path (Join-Path $PSScriptRoot '../../examples')).Path
    # Seedance as installed: its folder (<root>/Seedance/<version>) on the module path, which is read at each import.
    $modulePathBefore = $env:PSModulePath
    $env:PSModulePath = (Split-Path (Split-Path (Split-Path $manifest))) + [IO.Path]::PathSeparator + $env:PSModulePath

    # A session with a journal of its own and the
    # emulator started; the module reads SEEDANCE_JOURNAL when a session first uses it.
    function New-RunbookSession([string] $Journal) {
        $saved = $env:SEEDANCE_JOURNAL
        $env:SEEDANCE_JOURNAL = $Journal
        try {
            $session = [powershell]::Create()
            $root = $session.AddScript({
                Import-Module Seedance
                (Start-SeedanceEmulator -LatencySec 0.2 -ApiKey (ConvertTo-SecureString 'pester-examples-key' -AsPlainText -Force)).Root
            }).Invoke() | Select-Object -First 1
            [pscustomobject]@{ Session = $session; Root = $root }
        }
        finally {
            $env:SEEDANCE_JOURNAL = $saved
        }
    }

    # Runs one example in that session: its output, and the errors it wrote.
    function Invoke-Example($Runbook, [string] $Script, [hashtable] $Parameters) {
        $session = $Runbook.Session
        $session.Commands.Clear()
        $session.Streams.Error.Clear()
        $output = $session.AddCommand((Join-Path $examples $Script)).AddParameters($Parameters).Invoke()
        [pscustomobject]@{ Output = @($output); Errors = @($session.Streams.Error) }
    }

    function Get-EmulatorTaskCount($Runbook) { (Invoke-RestMethod -Uri ([Uri]::new($Runbook.Root, '_emulator/stats'))).tasks }
}

AfterAll { $env:PSModulePath = $modulePathBefore }

Describe 'The folder runbook (examples/Convert-ImageFolder.ps1)' {
    BeforeAll {
        $runbook = New-RunbookSession (Join-Path $TestDrive 'runbook-journal.jsonl')
        $source = Join-Path $TestDrive 'share'
        $null = New-Item -ItemType Directory -Force $source
        1..3 | ForEach-Object { [Seedance.Emulator.Media.SampleImage]::WritePng((Join-Path $source "product$_.png"), 640, 360, $_) }
        Set-Content (Join-Path $source 'truncated.png') -Value 'not an image'
        Set-Content (Join-Path $source 'notes.txt') -Value 'not an image, and not named like one'
        $parameters = @{ Source = $source; Destination = (Join-Path $TestDrive 'videos'); Prompt = 'slow orbital pan' }
    }
    AfterAll { $runbook.Session.Dispose() }

    It 'makes one video per image, named after it, and names the image it could not use' {
        $run = Invoke-Example $runbook 'Convert-ImageFolder.ps1' $parameters

        ($run.Output.Path | ForEach-Object { Split-Path -Leaf $_ } | Sort-Object) | Should -Be @('product1.mp4', 'product2.mp4', 'product3.mp4')
        $run.Errors | Should -HaveCount 1
        "$($run.Errors[0].TargetObject)" | Should -BeLike '*truncated.png*'
    }

    It 'costs nothing when run again: every image already has its video' {
        $before = Get-EmulatorTaskCount $runbook

        $run = Invoke-Example $runbook 'Convert-ImageFolder.ps1' $parameters

        $run.Output | Should -BeNullOrEmpty
        # Only the unusable image is tried again, and it is refused before anything is sent.
        Get-EmulatorTaskCount $runbook | Should -Be $before
    }
}

Describe 'The storyboard (examples/Invoke-Storyboard.ps1 and storyboard.csv)' {
    BeforeAll {
        $runbook = New-RunbookSession (Join-Path $TestDrive 'storyboard-journal.jsonl')
        $board = Join-Path $TestDrive 'board'
        $null = New-Item -ItemType Directory -Force $board
        Copy-Item (Join-Path $examples 'storyboard.csv') $board
        1..3 | ForEach-Object { [Seedance.Emulator.Media.SampleImage]::WritePng((Join-Path $board "scene$_.png"), 640, 360, $_) }
    }
    AfterAll { $runbook.Session.Dispose() }

    It 'shows each row with -WhatIf and submits nothing' {
        $before = Get-EmulatorTaskCount $runbook

        $run = Invoke-Example $runbook 'Invoke-Storyboard.ps1' @{ Storyboard = (Join-Path $board 'storyboard.csv'); Destination = (Join-Path $TestDrive 'rehearsed'); WhatIf = $true }

        $run.Errors | Should -BeNullOrEmpty
        Get-EmulatorTaskCount $runbook | Should -Be $before
    }

    It 'makes one video per row, with the row''s duration or the model''s default for a blank cell' {
        $run = Invoke-Example $runbook 'Invoke-Storyboard.ps1' @{ Storyboard = (Join-Path $board 'storyboard.csv'); Destination = (Join-Path $TestDrive 'scenes') }

        $run.Errors | Should -BeNullOrEmpty
        ($run.Output | Sort-Object Path | ForEach-Object { '{0}={1}' -f (Split-Path -Leaf $_.Path), [int]$_.DurationSeconds }) |
            Should -Be @('scene1.mp4=10', 'scene2.mp4=5', 'scene3.mp4=5')
    }
}

Describe 'The example Pester test of a runbook (<Name>)' -ForEach @(
    Get-ChildItem (Join-Path $PSScriptRoot '../../examples') -Filter *.Tests.ps1 | ForEach-Object { @{ Name = $_.Name; Path = $_.FullName } }
) {
    It 'passes, run by Pester in a session of its own as a user runs it' {
        # A runspace of its own gets a Pester of its own: this same Pester version, with no state shared with this run.
        $session = [powershell]::Create()
        $saved = $env:SEEDANCE_JOURNAL
        $env:SEEDANCE_JOURNAL = Join-Path $TestDrive "$Name-journal.jsonl"
        try {
            $result = $session.AddScript({
                param($Pester, $Path)
                Import-Module $Pester
                $configuration = New-PesterConfiguration
                $configuration.Run.Path = $Path
                $configuration.Run.PassThru = $true
                $configuration.Output.Verbosity = 'None'
                Invoke-Pester -Configuration $configuration
            }).AddArgument((Get-Module Pester).Path).AddArgument($Path).Invoke() | Select-Object -Last 1
        }
        finally {
            $env:SEEDANCE_JOURNAL = $saved
            $session.Dispose()
        }

        # A failed test, or a BeforeAll that failed and so ran none, says why.
        $failures = @(@($result.Failed) + @($result.FailedBlocks) + @($result.FailedContainers) | ForEach-Object { "$($_.ExpandedPath ?? $_.Name): $($_.ErrorRecord)" })
        $result.Result | Should -Be 'Passed' -Because ($failures -join '; ')
        $result.PassedCount | Should -BeGreaterThan 0
        $result.PassedCount | Should -Be $result.TotalCount
    }
}
