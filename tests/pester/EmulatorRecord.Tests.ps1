#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# What a user's own test reads from the emulator: Get-SeedanceEmulatorRecord shows the requests, tasks, faults and
# webhooks of a rehearsal as objects to assert on, never with the key in them; Start-SeedanceEmulator's settings
# (latency range, per-provider limits, output folder, record limit) behave as its help says.

BeforeAll {
    $manifest = $env:SEEDANCE_MODULE_MANIFEST
    if (-not $manifest) { $manifest = (Resolve-Path "$PSScriptRoot/../../out/Seedance/*/Seedance.psd1" | Select-Object -Last 1).Path }
    $env:SEEDANCE_JOURNAL = Join-Path $TestDrive 'journal.jsonl'
    Import-Module $manifest -Force
    $keyText = 'sk-pester-recorder-2f9e8d7c6b5a'
    $key = ConvertTo-SecureString $keyText -AsPlainText -Force
    $shot = Join-Path $TestDrive 'shot.png'
    [Seedance.Emulator.Media.SampleImage]::WritePng($shot, 640, 360, 1)
}

Describe 'An upload in the record' {
    BeforeAll { $null = Start-SeedanceEmulator Replicate -ApiKey $key -LatencySec 0.2 }
    AfterAll { Stop-SeedanceEmulator }

    It 'is kept as its type and its size in bytes, which holds the whole file' {
        # Large enough that Replicate's files endpoint takes it rather than an inline data: URI.
        $large = Join-Path $TestDrive 'large.png'
        [Seedance.Emulator.Media.SampleImage]::WritePng($large, 1920, 1080, 2)
        $null = New-SeedanceVideo $large -Prompt 'slow pan' -WarningAction SilentlyContinue
        $upload = Get-SeedanceEmulatorRecord -Kind Request | Where-Object Path -eq '/replicate/files'

        $upload.Body | Should -Match '^<multipart/form-data, (\d+) bytes>$'
        [long][regex]::Match($upload.Body, '(\d+) bytes').Groups[1].Value | Should -BeGreaterThan (Get-Item $large).Length -Because 'the form carries the file and its part headers'
    }
}

Describe 'Get-SeedanceEmulatorRecord' {
    BeforeAll {
        $null = Start-SeedanceEmulator -ApiKey $key -LatencySec 0.2 -FaultPlan '[{"endpoint":"status","calls":[1],"action":"Status","statusCode":503}]'
        $task = New-SeedanceVideo $shot -Prompt 'slow orbital pan' -WebhookUrl 'https://hooks.example.com/done' | Wait-SeedanceTask
    }
    AfterAll { Stop-SeedanceEmulator }

    It 'shows the submit the script sent, with its body, and the key nowhere' {
        # The local image went up to WaveSpeed's upload endpoint first, then the submit named it by its URL.
        $upload, $submit = Get-SeedanceEmulatorRecord -Kind Request | Where-Object Method -eq POST

        $upload.Path | Should -Be '/wavespeed/api/v3/media/uploads'
        $submit.Provider | Should -Be 'WaveSpeed'
        $submit.Path | Should -BeLike '/wavespeed/api/v3/bytedance/*'
        $submit.AuthScheme | Should -Be 'Bearer'
        ($submit.Body | ConvertFrom-Json).prompt | Should -Be 'slow orbital pan'
        Get-SeedanceEmulatorRecord | ConvertTo-Json -Depth 5 | Should -Not -BeLike "*$keyText*"
    }

    It 'shows the task it created, with its state as of now' {
        $recorded = Get-SeedanceEmulatorRecord -Kind Task

        $recorded.TaskId | Should -Be $task.Id
        $recorded.State | Should -Be 'Succeeded'
        $recorded.Prompt | Should -Be 'slow orbital pan'
        $recorded.DurationSeconds | Should -Be 5
    }

    It 'shows the fault that fired and the webhook it would not send off this machine' {
        $fault = Get-SeedanceEmulatorRecord -Kind Fault
        $webhook = Get-SeedanceEmulatorRecord -Kind Webhook

        $fault.Endpoint, $fault.Call, $fault.Action, $fault.StatusCode | Should -Be @('status', 1, 'Status', 503)
        $webhook.TaskId | Should -Be $task.Id
        $webhook.Url | Should -Be 'https://hooks.example.com/done'
        $webhook.Status | Should -Be 'NotLoopback'
    }

    It 'takes several kinds, and a provider, as filters' {
        $kinds = Get-SeedanceEmulatorRecord Task, Fault | ForEach-Object Kind | Sort-Object -Unique

        $kinds | Should -Be @('Fault', 'Task')
        Get-SeedanceEmulatorRecord -Provider fal | Should -BeNullOrEmpty
        (Get-SeedanceEmulatorRecord -Provider WaveSpeed).Count | Should -BeGreaterThan 3
    }

    It 'shows each kind in a table whose headers are its properties' {
        foreach ($record in Get-SeedanceEmulatorRecord | Group-Object Kind | ForEach-Object { $_.Group[0] }) {
            $lines = ($record | Format-Table | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.Trim() }
            $headers = -split $lines[0]
            $headers | Should -Contain 'Sequence'
            foreach ($header in $headers) { $record.PSObject.Properties.Name | Should -Contain $header }
        }
    }

    It 'is emptied by Clear-SeedanceEmulatorRecord, and numbering goes on' {
        $last = (Get-SeedanceEmulatorRecord)[-1].Sequence
        Clear-SeedanceEmulatorRecord

        Get-SeedanceEmulatorRecord | Should -BeNullOrEmpty
        $null = Get-SeedanceTask -Id $task.Id
        (Get-SeedanceEmulatorRecord -Kind Request).Sequence | Should -BeGreaterThan $last
    }
}

Describe 'The record limit' {
    BeforeAll { $null = Start-SeedanceEmulator -ApiKey $key -RecordLimit 2 }
    AfterAll { Stop-SeedanceEmulator }

    It 'keeps the newest records and warns how many older ones were dropped' {
        1..4 | ForEach-Object { $null = Get-SeedanceTask -Id "missing-$_" -ErrorAction SilentlyContinue }

        $records = Get-SeedanceEmulatorRecord -WarningVariable warned -WarningAction SilentlyContinue

        $records | Should -HaveCount 2
        $records[-1].Path | Should -BeLike '*missing-4*'
        $warned | Should -HaveCount 1
        "$warned" | Should -BeLike '* older records were dropped to keep within the record limit of 2;*'
    }
}

Describe 'Start-SeedanceEmulator settings' {
    AfterEach { Stop-SeedanceEmulator }

    It 'takes a latency range, per-provider limits, an output folder and a record limit, and reports them' {
        $folder = Join-Path $TestDrive 'rehearsal'
        # The over-quota submit is refused at once rather than after the retries a 429 earns.
        $env:SEEDANCE_MAX_RETRIES = '0'
        $info = Start-SeedanceEmulator -ApiKey $key -LatencySec 0.1, 0.3 -ConcurrencyLimit @{ wavespeed = 1 } -SubmitsPerMinute @{ WaveSpeed = 2 } -OutputFolder $folder -RecordLimit 50

        $info.Latency.TotalSeconds, $info.LatencyMaximum.TotalSeconds | Should -Be @(0.1, 0.3)
        $info.ConcurrencyLimitByProvider['WaveSpeed'] | Should -Be 1
        $info.SubmitsPerMinuteByProvider['WaveSpeed'] | Should -Be 2
        $info.RecordLimit | Should -Be 50
        ($info | Format-List | Out-String) | Should -BeLike '*0.1 to 0.3 s*'

        $tasks = 1..2 | ForEach-Object { New-SeedanceVideo $shot -Prompt "shot $_" } | Wait-SeedanceTask
        { New-SeedanceVideo $shot -Prompt 'one too many' -ErrorAction Stop } | Should -Throw '*videos per minute*'
        Stop-SeedanceEmulator
        Remove-Item Env:SEEDANCE_MAX_RETRIES

        Get-ChildItem $folder -Filter *.mp4 | ForEach-Object BaseName | Sort-Object | Should -Be ($tasks.Id | Sort-Object)
    }

    It 'refuses <Case> before starting anything' -ForEach @(
        @{ Case = 'a backwards latency range'; Arguments = @{ LatencySec = 8, 2 }; Message = '-LatencySec 8, 2 runs backwards: give the shorter time first, e.g. -LatencySec 2, 8.' }
        @{ Case = 'a submit quota on a provider without one'; Arguments = @{ SubmitsPerMinute = @{ Ark = 5 } }; Message = '-SubmitsPerMinute cannot be set for Ark: *' }
        @{ Case = 'a negative limit'; Arguments = @{ ConcurrencyLimit = @{ fal = -1 } }; Message = '-ConcurrencyLimit for fal is -1; give 0 (no limit) or more.' }
    ) {
        { Start-SeedanceEmulator -ApiKey $key @Arguments -ErrorAction Stop } | Should -Throw $Message -ErrorId 'EmulatorSettingInvalid,*'
        { Get-SeedanceEmulatorRecord -ErrorAction Stop } | Should -Throw -ErrorId 'EmulatorNotRunning,*'
    }

    It 'refuses a limit for a provider it does not know, naming the providers it does' {
        { Start-SeedanceEmulator -ApiKey $key -ConcurrencyLimit @{ Sora = 2 } -ErrorAction Stop } | Should -Throw "*'Sora' is not a provider. Name one of: WaveSpeed, AIMLAPI, Ark, fal, Replicate, AtlasCloud.*"
    }
}
