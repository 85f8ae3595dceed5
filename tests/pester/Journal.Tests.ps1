#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The task journal over months of use: it compacts itself, and keeps every task still owed something.

BeforeAll {
    $manifest = $env:SEEDANCE_MODULE_MANIFEST
    if (-not $manifest) { $manifest = (Resolve-Path "$PSScriptRoot/../../out/Seedance/*/Seedance.psd1" | Select-Object -Last 1).Path }
    Import-Module $manifest -Force
}

Describe 'A journal grown past its size limit' {
    BeforeAll {
        # Months of history: 15,000 tasks saved 90 days ago, and one from then that never finished.
        $journal = Join-Path $TestDrive 'journal.jsonl'
        $longAgo = [DateTimeOffset]::UtcNow.AddDays(-90).ToString('o')
        $prompt = 'slow orbital pan over a product shot on a white table, soft studio light, shallow depth of field, 5 seconds'
        $lines = foreach ($i in 1..15000) {
            "{`"event`":`"submitted`",`"at`":`"$longAgo`",`"id`":`"old-$i`",`"provider`":`"WaveSpeed`",`"model`":`"m`",`"state`":`"Succeeded`",`"prompt`":`"$prompt`",`"savedPath`":`"/videos/old-$i.mp4`",`"processId`":1}"
        }
        $lines += "{`"event`":`"submitted`",`"at`":`"$longAgo`",`"id`":`"old-unfinished`",`"provider`":`"WaveSpeed`",`"model`":`"m`",`"state`":`"Running`",`"prompt`":`"never finished`",`"processId`":1}"
        [IO.File]::WriteAllLines($journal, [string[]] $lines)
        $sizeBefore = (Get-Item $journal).Length

        # A session of its own, as a new day's runbook is: it reads SEEDANCE_JOURNAL when it starts.
        $journalBefore = $env:SEEDANCE_JOURNAL
        $env:SEEDANCE_JOURNAL = $journal
        $session = [powershell]::Create()
        $null = $session.AddScript({
            param($manifest)
            Import-Module $manifest
            $null = Start-SeedanceEmulator -LatencySec 0.2 -ApiKey (ConvertTo-SecureString 'pester-journal-key' -AsPlainText -Force)
            $submitted = New-SeedanceVideo -Image https://images.example.com/shot.jpg -Prompt 'today'
            [pscustomobject]@{
                Submitted = $submitted
                Recent    = @(Get-SeedanceTask -Recent -Since (Get-Date).AddDays(-100))
                Pending   = @(Get-SeedanceTask -Pending -Since (Get-Date).AddDays(-100))
            }
            Stop-SeedanceEmulator
        }).AddArgument($manifest)
        $after = $session.Invoke() | Select-Object -First 1
        $session.Dispose()
    }
    AfterAll { $env:SEEDANCE_JOURNAL = $journalBefore }

    It 'folds itself at the next write, and moves the tasks settled long ago to the archive beside it' {
        $sizeBefore | Should -BeGreaterThan 4MB
        (Get-Item $journal).Length | Should -BeLessThan 4KB
        $archive = Join-Path $TestDrive 'journal.archive.jsonl'
        @(Get-Content $archive | Where-Object { $_ -like '*"id":"old-*' -and $_ -like '*"savedPath"*' }) | Should -HaveCount 15000
    }

    It 'keeps the task submitted today and the one still owed from long ago' {
        $after.Submitted.Id | Should -Not -BeNullOrEmpty
        $after.Recent.Id | Should -Be @($after.Submitted.Id, 'old-unfinished')
        $after.Pending.Id | Should -Contain 'old-unfinished'
        ($after.Pending | Where-Object Id -eq 'old-unfinished').State | Should -Be 'Running'
    }
}
