#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# New-SeedanceVideo keeps several submits on the wire at once, so a large tier refills at the provider's pace, and
# still hands the tasks on in the order their inputs came: errors stay with their input, and a stop hides no task
# that was already sent.

BeforeAll {
    $manifest = $env:SEEDANCE_MODULE_MANIFEST
    if (-not $manifest) { $manifest = (Resolve-Path "$PSScriptRoot/../../out/Seedance/*/Seedance.psd1" | Select-Object -Last 1).Path }
    $env:SEEDANCE_JOURNAL = Join-Path $TestDrive 'journal.jsonl'
    Import-Module $manifest -Force
    $key = ConvertTo-SecureString 'pester-submits-key' -AsPlainText -Force
    $rows = 1..5 | ForEach-Object { [pscustomobject]@{ Image = "https://images.example.com/shot$_.jpg"; Prompt = "shot $_ of the batch" } }
}

Describe 'Submits on the wire at once' {
    AfterEach { Stop-SeedanceEmulator }

    It 'sends the next inputs while an earlier answer is slow, and hands the tasks on in input order' {
        # The first submit is answered (and its task created) only after 3 s; the others are answered at once.
        $null = Start-SeedanceEmulator -ApiKey $key -LatencySec 0.5 -FaultPlan '[{"endpoint":"submit","calls":[1],"action":"Delay","delayMilliseconds":3000}]'
        # Half a second after the first input, so that the first submit is surely the first to arrive.
        $tasks = @($rows | ForEach-Object -Begin { $n = 0 } -Process { $_; if (++$n -eq 1) { Start-Sleep -Milliseconds 500 } } | New-SeedanceVideo)
        $created = @(Get-SeedanceEmulatorRecord -Kind Task | Sort-Object Time)

        $tasks | Should -HaveCount 5
        $tasks.Prompt | Should -Be $rows.Prompt
        $created | Should -HaveCount 5
        $created[-1].Prompt | Should -Be 'shot 1 of the batch' -Because 'the later inputs went out while the first answer was still coming'
        @($tasks | Wait-SeedanceTask | Where-Object State -eq 'Succeeded') | Should -HaveCount 5
    }

    It 'keeps a refused submit as the error of its own input, and hands on the rest' {
        $null = Start-SeedanceEmulator -ApiKey $key -LatencySec 0.5 -FaultPlan '[{"endpoint":"submit","calls":[2],"action":"Status","statusCode":400,"body":"{\"code\":400,\"message\":\"prompt refused\"}"}]'
        # Inputs a fifth of a second apart arrive in their order, so the second call is the second input's.
        $tasks = @($rows | ForEach-Object { $_; Start-Sleep -Milliseconds 200 } | New-SeedanceVideo -ErrorVariable refused -ErrorAction SilentlyContinue)

        $tasks | Should -HaveCount 4
        $tasks.Prompt | Should -Be ($rows.Prompt | Where-Object { $_ -ne 'shot 2 of the batch' })
        $refused | Should -HaveCount 1
        "$($refused[0].TargetObject)" | Should -BeLike '*shot2.jpg*'
    }

    It 'hands on every task already sent before a rejected key stops the batch' {
        # The third submit is refused for its key: that fails every input, so the batch stops, but not before the
        # submits already on the wire are answered and handed on.
        $null = Start-SeedanceEmulator -ApiKey $key -LatencySec 0.5 -FaultPlan '[{"endpoint":"submit","calls":[3],"action":"Status","statusCode":401}]'
        $tasks = [System.Collections.Generic.List[object]]::new()
        { $rows | New-SeedanceVideo | ForEach-Object { $tasks.Add($_) } } | Should -Throw -ErrorId '*'
        $created = @(Get-SeedanceEmulatorRecord -Kind Task)

        $tasks.Count | Should -BeGreaterOrEqual 2
        $tasks | ForEach-Object { $_ | Should -BeOfType ([Seedance.VideoTask]) }
        @($tasks.Id | Sort-Object) | Should -Be @($created.TaskId | Sort-Object) -Because 'no task the provider created is kept from the user'
    }
}
