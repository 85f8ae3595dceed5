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
}

AfterAll {
    [System.Net.Http.HttpClient]::DefaultProxy = $script:savedProxy
    foreach ($name in $script:savedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $script:savedEnvironment[$name]) }
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

