#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Money safety as users meet it, rehearsing against the emulator: what a careful user, or a hostile tester, tries.
# Nothing here may reach another machine. Every request not bound for the emulator (127.0.0.1, which the proxy
# bypasses) goes to a proxy on a closed loopback port, so one aimed at a real provider fails here instead of leaving.

BeforeAll {
    $manifest = $env:SEEDANCE_MODULE_MANIFEST
    if (-not $manifest) { $manifest = (Resolve-Path "$PSScriptRoot/../../out/Seedance/*/Seedance.psd1" | Select-Object -Last 1).Path }
    $env:SEEDANCE_JOURNAL = Join-Path $TestDrive 'journal.jsonl'
    Import-Module $manifest -Force

    $script:savedProxy = [System.Net.Http.HttpClient]::DefaultProxy
    [System.Net.Http.HttpClient]::DefaultProxy = [System.Net.WebProxy]::new('http://127.0.0.1:9', $true)
    $script:savedEnvironment = @{}
    foreach ($name in 'FAL_KEY', 'WAVESPEED_API_KEY', 'SEEDANCE_API_KEY', 'SEEDANCE_PROVIDER', 'SEEDANCE_MAX_RETRIES') {
        $script:savedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $null)
    }
    # A request that cannot leave fails at once rather than after a round of retries.
    $env:SEEDANCE_MAX_RETRIES = '0'

    function Get-EmulatorTask($Emulator, [string] $Id) {
        # Invoke-RestMethod writes a JSON array as one object; the parentheses enumerate it.
        (Invoke-RestMethod -Uri ([Uri]::new($Emulator.Root, '_emulator/tasks'))) | Where-Object id -EQ $Id
    }
}

AfterAll {
    [System.Net.Http.HttpClient]::DefaultProxy = $script:savedProxy
    foreach ($name in $script:savedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $script:savedEnvironment[$name]) }
}

Describe 'Rehearsing with the emulator while a real key is set' {
    BeforeAll {
        $emu = Start-SeedanceEmulator -ApiKey (ConvertTo-SecureString rehearsal-key -AsPlainText -Force) -LatencySec 0.3
        $env:FAL_KEY = 'a-real-looking-fal-key'
    }
    AfterAll {
        Stop-SeedanceEmulator
        Remove-Item Env:FAL_KEY, Env:WAVESPEED_API_KEY -ErrorAction Ignore
    }

    It 'looking up a fal task leaves the emulator the default, so the next submit still goes there' {
        $before = (Invoke-RestMethod ([Uri]::new($emu.Root, '_emulator/tasks'))).Count

        Get-SeedanceTask -Id 'a-fal-task-id' -Provider fal -ErrorAction SilentlyContinue -ErrorVariable lookup
        $task = New-SeedanceVideo 'https://images.example.com/a.jpg' -Prompt 'slow pan'

        # The lookup itself went to fal (through the closed proxy, so it failed here), on a connection of its own.
        $lookup | Should -HaveCount 1
        (Get-SeedanceConnection fal).BaseUri.Host | Should -Be 'queue.fal.run'
        (Get-SeedanceConnection)[0].BaseUri.AbsoluteUri.TrimEnd('/') | Should -Be $emu.BaseUris['WaveSpeed'].AbsoluteUri.TrimEnd('/')
        $task.Provider | Should -Be 'WaveSpeed'
        Get-EmulatorTask $emu $task.Id | Should -Not -BeNullOrEmpty
        (Invoke-RestMethod ([Uri]::new($emu.Root, '_emulator/tasks'))).Count | Should -Be ($before + 1)
    }

    It 'follows a journalled task at the emulator after the profile name was connected to the real provider' {
        $task = New-SeedanceVideo 'https://images.example.com/a.jpg' -Prompt 'journalled pan'
        Connect-Seedance -Provider WaveSpeed -ApiKey (ConvertTo-SecureString 'a-real-key' -AsPlainText -Force) | Out-Null
        $env:WAVESPEED_API_KEY = 'rehearsal-key'

        $final = Get-SeedanceTask -Pending | Where-Object Id -EQ $task.Id | Wait-SeedanceTask -TimeoutSec 30

        $final.State | Should -Be 'Succeeded'
        (Get-SeedanceConnection)[0].BaseUri.Host | Should -Be 'api.wavespeed.ai'
    }
}

Describe 'A provider that echoes the key back' {
    BeforeAll {
        $echo = '[{"endpoint":"status","action":"Status","statusCode":200,"body":"{\"id\":\"g\",\"status\":\"error\",\"error\":{\"name\":\"Forbidden\",\"message\":\"Key {{credential}} may not use this model\"}}"}]'
        Start-SeedanceEmulator AIMLAPI -ApiKey (ConvertTo-SecureString 'sk-pester-echoed-key-31' -AsPlainText -Force) -LatencySec 0.3 -FaultPlan $echo | Out-Null
    }
    AfterAll { Stop-SeedanceEmulator }

    It 'shows it neither in the warning, nor on the task, nor in the journal' {
        $task = New-SeedanceVideo 'https://images.example.com/a.jpg' -Prompt 'slow pan' | Wait-SeedanceTask -WarningVariable warnings -WarningAction SilentlyContinue

        $task.State | Should -Be 'Failed'
        $warnings | Should -HaveCount 1
        "$warnings" | Should -BeLike '*Key `*`*`* may not use this model*'
        $journalled = Get-SeedanceTask -Recent | Where-Object Id -EQ $task.Id
        foreach ($text in "$warnings", $task.Error, $journalled.Error) { $text | Should -Not -Match 'sk-pester-echoed-key-31' }
    }
}

Describe 'A deadline that cancels' {
    BeforeAll { $emu = Start-SeedanceEmulator Replicate -LatencySec 0.3 }
    AfterAll { Stop-SeedanceEmulator }

    It 'Wait-SeedanceTask -CancelOnTimeout cancels a stuck task at the provider and says so' {
        $task = New-SeedanceVideo 'https://images.example.com/a.jpg' -Prompt 'pan #stuck'

        $out = $task | Wait-SeedanceTask -TimeoutSec 1 -CancelOnTimeout -ErrorVariable failures -ErrorAction SilentlyContinue

        $out | Should -BeNullOrEmpty
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'WaitTimedOut,*'
        "$($failures[0].CategoryInfo.Category)" | Should -Be 'OperationTimeout'
        $failures[0].Exception.Message | Should -BeLike '*was cancelled at Replicate (-CancelOnTimeout)*'
        (Get-EmulatorTask $emu $task.Id).state | Should -Be 'Cancelled'
    }

    It 'Save-SeedanceVideo -CancelOnTimeout does the same for a task it waits for, and saves nothing' {
        $task = New-SeedanceVideo 'https://images.example.com/a.jpg' -Prompt 'pan #stuck'
        $folder = Join-Path $TestDrive 'cancelled'

        $out = $task | Save-SeedanceVideo -Path $folder -TimeoutSec 1 -CancelOnTimeout -ErrorVariable failures -ErrorAction SilentlyContinue

        $out | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'WaitTimedOut,*'
        (Get-EmulatorTask $emu $task.Id).state | Should -Be 'Cancelled'
        Get-ChildItem $folder -ErrorAction Ignore | Should -BeNullOrEmpty
    }

    It 'without -CancelOnTimeout the task keeps running' {
        $task = New-SeedanceVideo 'https://images.example.com/a.jpg' -Prompt 'pan #stuck'

        $task | Wait-SeedanceTask -TimeoutSec 1 -ErrorAction SilentlyContinue

        (Get-EmulatorTask $emu $task.Id).state | Should -Be 'Running'
    }
}

Describe 'The emulator''s videos follow the request' {
    BeforeAll {
        $emu = Start-SeedanceEmulator -ApiKey (ConvertTo-SecureString rehearsal-key -AsPlainText -Force) -LatencySec 0.2
    }
    AfterAll {
        Stop-SeedanceEmulator
    }

    It 'gives the same request the same video, byte for byte, and another request another' {
        $folder = Join-Path $TestDrive 'same-request'
        New-Item -ItemType Directory $folder | Out-Null

        $files = 'slow orbital pan', 'slow orbital pan', 'zoom in on the label' |
            ForEach-Object { New-SeedanceVideo 'https://images.example.com/a.jpg' -Prompt $_ } |
            Wait-SeedanceTask | Save-SeedanceVideo -Path $folder

        $files | Should -HaveCount 3
        $hashes = $files | Group-Object { $_.Task.Prompt } -AsHashTable -AsString
        $same = @($hashes['slow orbital pan'] | ForEach-Object { (Get-FileHash $_.Path).Hash })
        $same | Should -HaveCount 2
        $same[0] | Should -Be $same[1]
        (Get-FileHash $hashes['zoom in on the label'][0].Path).Hash | Should -Not -Be $same[0]
        ($files.Task.Id | Sort-Object -Unique) | Should -HaveCount 3
    }
}
