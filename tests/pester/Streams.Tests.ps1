#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# What a runbook's verbose and warning streams say: each task's end (and after how long), each saved file, and a
# model whose price is not published.

BeforeAll {
    $manifest = $env:SEEDANCE_MODULE_MANIFEST
    if (-not $manifest) { $manifest = (Resolve-Path "$PSScriptRoot/../../out/Seedance/*/Seedance.psd1" | Select-Object -Last 1).Path }
    Import-Module $manifest -Force
    $null = Start-SeedanceEmulator -LatencySec 0.3 -ApiKey (ConvertTo-SecureString 'pester-streams-key' -AsPlainText -Force)
    $shot = Join-Path $TestDrive 'shot.png'
    [Seedance.Emulator.Media.SampleImage]::WritePng($shot, 640, 360, 1)

    function Get-VerboseText([scriptblock] $Command) { @(& $Command 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message) }
}

AfterAll { Stop-SeedanceEmulator }

Describe 'Verbose output for runbooks' {
    It 'says when each task succeeded, and after how long' {
        $task = New-SeedanceVideo $shot -Prompt 'slow pan'

        $verbose = Get-VerboseText { $task | Wait-SeedanceTask -Verbose | Out-Null }

        $verbose | Where-Object { $_ -match "^Task $($task.Id) \(WaveSpeed\) succeeded after \d+\.\d s\.$" } | Should -HaveCount 1
    }

    It 'says when a task failed, after how long and why' {
        $task = New-SeedanceVideo $shot -Prompt 'slow pan #fail'

        $verbose = Get-VerboseText { $task | Wait-SeedanceTask -Verbose -WarningAction SilentlyContinue | Out-Null }

        $verbose | Where-Object { $_ -match "^Task $($task.Id) \(WaveSpeed\) failed after \d+\.\d s \(" } | Should -HaveCount 1
    }

    It 'says which file was saved, its size, and that it was verified' {
        $task = New-SeedanceVideo $shot -Prompt 'slow pan'

        $verbose = Get-VerboseText { $task | Save-SeedanceVideo -Path (Join-Path $TestDrive 'videos') -Verbose | Out-Null }

        $saved = $verbose | Where-Object { $_ -like "Saved the video of task $($task.Id) to *" }
        $saved | Should -HaveCount 1
        $saved | Should -Match "\d+\.\d MB, a verified MP4 of \d+x\d+, \d+\.\d s"
    }
}

Describe 'Warnings' {
    It 'warns when a model has no published price' {
        $unpriced = Get-SeedanceModel -Provider WaveSpeed | Where-Object { $_.PricePerSecond.Count -eq 0 } | Select-Object -First 1
        $unpriced | Should -Not -BeNullOrEmpty -Because 'the catalogue has a model with no published price to test with'

        $null = New-SeedanceVideo $shot -Prompt 'slow pan' -Model $unpriced.Id -WhatIf -WarningVariable warnings -WarningAction SilentlyContinue 6>$null

        @($warnings | Where-Object { "$_" -like "*publishes no price for $($unpriced.Id)*" }) | Should -HaveCount 1
    }
}

Describe 'A video the provider keeps only briefly' {
    BeforeAll {
        # Replicate deletes a prediction's outputs an hour after it finishes.
        Stop-SeedanceEmulator
        $null = Start-SeedanceEmulator -Provider Replicate -LatencySec 0.3 -ApiKey (ConvertTo-SecureString 'pester-streams-key' -AsPlainText -Force)
    }

    It 'gets a warning with the time it will be gone' {
        $task = New-SeedanceVideo https://images.example.com/shot.jpg -Prompt 'slow pan' | Wait-SeedanceTask -WarningVariable warnings -WarningAction SilentlyContinue

        $task.State | Should -Be 'Succeeded'
        $about = @($warnings | Where-Object { "$_" -like "The video of task $($task.Id) can be downloaded only until * UTC (1 hour:*Save it before then*" })
        $about | Should -HaveCount 1
    }

    It 'gets no such warning where the provider keeps videos for days' {
        Stop-SeedanceEmulator
        $null = Start-SeedanceEmulator -Provider WaveSpeed -LatencySec 0.3 -ApiKey (ConvertTo-SecureString 'pester-streams-key' -AsPlainText -Force)

        $null = New-SeedanceVideo https://images.example.com/shot.jpg -Prompt 'slow pan' | Wait-SeedanceTask -WarningVariable warnings -WarningAction SilentlyContinue

        @($warnings | Where-Object { "$_" -like '*can be downloaded only until*' }) | Should -BeNullOrEmpty
    }
}

Describe 'Progress' {
    It 'shows the submits of a batch in one progress record, with the estimated cost' {
        $session = [powershell]::Create()
        $null = $session.AddScript({
            param($manifest, $shot)
            Import-Module $manifest
            $null = Start-SeedanceEmulator -LatencySec 0.2 -ApiKey (ConvertTo-SecureString 'pester-progress-key' -AsPlainText -Force)
            1..3 | ForEach-Object { $shot } | New-SeedanceVideo -Prompt 'slow pan'
            Stop-SeedanceEmulator
        }).AddArgument($manifest).AddArgument($shot)
        $tasks = $session.Invoke()
        $records = @($session.Streams.Progress | Where-Object Activity -eq 'Submitting Seedance tasks')
        $session.Dispose()

        $tasks | Should -HaveCount 3
        @($records.ActivityId | Sort-Object -Unique) | Should -HaveCount 1
        $records[-1].RecordType | Should -Be 'Completed'
        $records[-1].StatusDescription | Should -BeLike '3 submitted, est. $*'
    }
}

Describe 'Errors say what to do' {
    BeforeAll {
        Stop-SeedanceEmulator
        $null = Start-SeedanceEmulator -LatencySec 0.2 -ApiKey (ConvertTo-SecureString 'pester-streams-key' -AsPlainText -Force)
    }

    It 'carries a RecommendedAction for <Case>' -ForEach @(
        @{ Case = 'a duration the model does not offer'; Id = 'DurationNotSupported'; Action = 'Use a -Duration of *'; Run = { New-SeedanceVideo https://images.example.com/a.jpg -Prompt 'pan' -Duration 7 -ErrorAction Stop } }
        @{ Case = 'a batch over -MaxCost'; Id = 'CostLimitExceeded'; Action = 'Raise -MaxCost, or submit fewer videos.'; Run = { New-SeedanceVideo https://images.example.com/a.jpg -Prompt 'pan' -MaxCost 0.01 -ErrorAction Stop } }
    ) {
        $record = $null
        try { & $Run } catch { $record = $_ }

        $record.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $record.ErrorDetails.RecommendedAction | Should -BeLike $Action
    }

    It 'carries a RecommendedAction when a video file is already there' {
        $task = New-SeedanceVideo https://images.example.com/a.jpg -Prompt 'pan' | Wait-SeedanceTask
        $target = Join-Path $TestDrive 'exists.mp4'
        Set-Content $target 'a file already there'

        $null = $task | Save-SeedanceVideo -Path $target -ErrorVariable saveErrors -ErrorAction SilentlyContinue

        $saveErrors[0].FullyQualifiedErrorId | Should -BeLike 'FileExists,*'
        $saveErrors[0].ErrorDetails.RecommendedAction | Should -Be 'Use -Force to replace the file, or choose another -Path.'
    }
}
