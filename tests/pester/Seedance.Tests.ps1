#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The module as users touch it, against the emulator. Run by ./build.ps1 -Task Test (or -Task Pester), which
# builds the module and passes its manifest in SEEDANCE_MODULE_MANIFEST.

BeforeAll {
    $manifest = $env:SEEDANCE_MODULE_MANIFEST
    if (-not $manifest) { $manifest = (Resolve-Path "$PSScriptRoot/../../out/Seedance/*/Seedance.psd1" | Select-Object -Last 1).Path }
    # A journal of these tests' own, set before the module's first command reads it.
    $env:SEEDANCE_JOURNAL = Join-Path $TestDrive 'journal.jsonl'
    Import-Module $manifest -Force

    function New-SampleImages([int] $Count, [string] $Folder, [int] $Width = 320, [int] $Height = 180) {
        New-Item -ItemType Directory -Force $Folder | Out-Null
        1..$Count | ForEach-Object { [Seedance.Emulator.Media.SampleImage]::WritePng((Join-Path $Folder "shot$_.png"), $Width, $Height, $_) }
        Get-ChildItem (Join-Path $Folder '*.png')
    }

    function Get-EmulatorTaskCount($Emulator) {
        (Invoke-RestMethod -Uri ([Uri]::new($Emulator.Root, '_emulator/stats'))).tasks
    }
}

Describe 'The README pipeline against the emulator' {
    BeforeAll {
        $key = ConvertTo-SecureString 'pester-emulator-key' -AsPlainText -Force
        $emulator = Start-SeedanceEmulator -LatencySec 0.5 -ApiKey $key
        $shots = New-SampleImages -Count 4 -Folder (Join-Path $TestDrive 'shots')
    }
    AfterAll { Stop-SeedanceEmulator }

    It 'turns a folder of images into verified MP4 files' {
        $videos = Join-Path $TestDrive 'videos'

        $files = Get-ChildItem (Join-Path $TestDrive 'shots/*.png') |
            New-SeedanceVideo -Prompt 'slow orbital pan' -Duration 5 |
            Wait-SeedanceTask |
            Save-SeedanceVideo -Path $videos

        $files | Should -HaveCount 4
        $files | ForEach-Object {
            $_ | Should -BeOfType ([Seedance.VideoFile])
            $_.Path | Should -Exist
            $_.DurationSeconds | Should -Be 5
            $_.Width | Should -Be 1280
        }
        Get-ChildItem (Join-Path $videos '*.partial') | Should -BeNullOrEmpty
    }

    It 'saves into the folder given by position, as in ... | Save-SeedanceVideo ./videos' {
        Push-Location $TestDrive
        try {
            $files = $shots | Select-Object -First 2 | New-SeedanceVideo -Prompt 'slow orbital pan' | Save-SeedanceVideo ./positional
        }
        finally {
            Pop-Location
        }

        $files | Should -HaveCount 2
        $files.Path | ForEach-Object { Split-Path -Parent $_ } | Sort-Object -Unique | Should -Be (Join-Path $TestDrive 'positional')
        $files.Path | Should -Exist
    }

    It 'submits nothing under -WhatIf' {
        $before = Get-EmulatorTaskCount $emulator

        $output = $shots | New-SeedanceVideo -Prompt 'slow orbital pan' -WhatIf

        $output | Should -BeNullOrEmpty
        Get-EmulatorTaskCount $emulator | Should -Be $before
    }

    It 'emits tasks with the id as their string form, so they chain by pipeline' {
        $task = New-SeedanceVideo -Image $shots[0].FullName -Prompt 'slow zoom out'

        $task | Should -BeOfType ([Seedance.VideoTask])
        "$task" | Should -Be $task.Id
        ($task.Id | Get-SeedanceTask).Id | Should -Be $task.Id
        ($task | Wait-SeedanceTask).State | Should -Be 'Succeeded'
    }

    It 'binds CSV-like rows by property name' {
        $rows = $shots | Select-Object -First 2 | ForEach-Object { [pscustomobject]@{ Image = $_.FullName; Prompt = "pan over $($_.Name)"; Duration = 10 } }

        $tasks = $rows | New-SeedanceVideo

        $tasks | Should -HaveCount 2
        $tasks.DurationSeconds | Should -Be @(10, 10)
        $tasks[0].Prompt | Should -Be "pan over $($shots[0].Name)"
    }

    It 'refuses bad input before spending anything, with a specific error id' {
        $before = Get-EmulatorTaskCount $emulator

        { New-SeedanceVideo -Image (Join-Path $TestDrive 'missing.png') -Prompt 'x' -ErrorAction Stop } |
            Should -Throw -ErrorId 'ImageNotFound,Seedance.Commands.Cmdlets.NewSeedanceVideoCommand'
        { New-SeedanceVideo -Image $shots[0].FullName -Prompt 'x' -Duration 7 } |
            Should -Throw -ErrorId 'DurationNotSupported,Seedance.Commands.Cmdlets.NewSeedanceVideoCommand'
        Get-EmulatorTaskCount $emulator | Should -Be $before
    }

    It 'keeps a batch going past one bad input' {
        $inputs = @($shots[0].FullName, (Join-Path $TestDrive 'missing.png'), $shots[1].FullName)

        $tasks = $inputs | New-SeedanceVideo -Prompt 'pan' -ErrorVariable failures -ErrorAction SilentlyContinue

        $tasks | Should -HaveCount 2
        $failures | Should -HaveCount 1
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'lists recent tasks from the journal' {
        $recent = Get-SeedanceTask -Recent

        $recent.Count | Should -BeGreaterOrEqual 4
        $recent | Should -BeOfType ([Seedance.VideoTask])
    }

    It 'reports a failed generation as a failed task with a warning' {
        $task = New-SeedanceVideo -Image $shots[0].FullName -Prompt 'pan #fail' | Wait-SeedanceTask -WarningVariable warnings -WarningAction SilentlyContinue

        $task.State | Should -Be 'Failed'
        $warnings | Should -HaveCount 1
    }

    It 'streams: results come out while upstream is still submitting' {
        Connect-Seedance -Provider WaveSpeed -Name streaming -BaseUri $emulator.BaseUris['WaveSpeed'] -ApiKey $key -ThrottleLimit 2 | Out-Null
        $log = [System.Collections.Generic.List[string]]::new()

        'pan #latency=1500', 'pan #latency=300', 'pan #latency=900', 'pan #latency=200', 'pan #latency=200', 'pan #latency=200' |
            ForEach-Object { $log.Add("submit"); [pscustomobject]@{ Image = $shots[0].FullName; Prompt = $_ } } |
            New-SeedanceVideo -Connection streaming |
            Wait-SeedanceTask |
            ForEach-Object { $log.Add("done $($_.Prompt)") }

        # With two slots each later submit waits for a task to finish. The 300 ms task frees the first slot; the
        # fourth submit waits for the second, long after, so the 300 ms task has come out before the last submits.
        $log.IndexOf('done pan #latency=300') | Should -BeLessThan $log.LastIndexOf('submit')
        ($log | Where-Object { $_ -like 'done*' }).Count | Should -Be 6
    }

    It 'shows the parameters in Get-Help' {
        $help = Get-Help New-SeedanceVideo -Full

        $help.Synopsis | Should -Match 'Submits'
        $help.parameters.parameter.name | Should -Contain 'Prompt'
        ($help.parameters.parameter | Where-Object name -EQ 'Duration').description.Text | Should -Match 'seconds'
        @($help.examples.example).Count | Should -BeGreaterThan 0
    }
}

Describe 'The README pipeline, unchanged, on <Provider>' -ForEach @(
    @{ Provider = 'WaveSpeed' }, @{ Provider = 'AIMLAPI' }, @{ Provider = 'Ark' }, @{ Provider = 'fal' }, @{ Provider = 'Replicate' }, @{ Provider = 'AtlasCloud' }
) {
    BeforeAll {
        Start-SeedanceEmulator -Provider $Provider -LatencySec 0.3 | Out-Null
        # Ark wants at least 300 pixels a side.
        $shots = New-SampleImages -Count 2 -Folder (Join-Path $TestDrive "$Provider/shots") -Width 400 -Height 304
    }
    AfterAll { Stop-SeedanceEmulator }

    It 'turns a folder of images into verified MP4 files' {
        Push-Location (Join-Path $TestDrive $Provider)
        try {
            $files = Get-ChildItem ./shots/*.png |
                New-SeedanceVideo -Prompt 'slow orbital pan' -Duration 5 |
                Wait-SeedanceTask |
                Save-SeedanceVideo -Path ./videos
        }
        finally {
            Pop-Location
        }

        $files | Should -HaveCount 2
        $files.Provider | Sort-Object -Unique | Should -Be ((Get-SeedanceModel -Provider $Provider)[0].Provider)
        $files | ForEach-Object { $_.DurationSeconds | Should -Be 5; $_.Path | Should -Exist }
    }
}

Describe 'Stopping (Ctrl+C)' {
    It 'ends a pipeline that is waiting, and leaves no partial file behind' {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'stopped')
        $manifest = Join-Path (Get-Module Seedance).ModuleBase 'Seedance.psd1'
        $pipeline = [powershell]::Create()
        $null = $pipeline.AddScript({
            param($manifest, $folder)
            Import-Module $manifest
            Start-SeedanceEmulator -LatencySec 1 | Out-Null
            1..3 | ForEach-Object { 'https://images.example.com/a.jpg' } | New-SeedanceVideo -Prompt 'pan #stuck' | Save-SeedanceVideo -Path $folder
        }).AddArgument($manifest).AddArgument($folder.FullName)
        $running = $pipeline.BeginInvoke()
        Start-Sleep -Seconds 2

        # Stop() is what Ctrl+C does: it calls StopProcessing on the running cmdlet.
        $pipeline.Stop()

        $running.IsCompleted | Should -BeTrue
        $pipeline.InvocationStateInfo.State | Should -Be 'Stopped'
        Get-ChildItem $folder | Should -BeNullOrEmpty
        $pipeline.Dispose()
    }
}

Describe 'Open submits after a crash' {
    BeforeAll {
        $key = ConvertTo-SecureString 'pester-emulator-key' -AsPlainText -Force
        # The first submit is answered only after 5 s: long enough to kill the process that sent it.
        $emulator = Start-SeedanceEmulator -LatencySec 0.5 -ApiKey $key -FaultPlan '[{"endpoint":"submit","calls":[1],"action":"Delay","delayMilliseconds":5000}]'
        $journal = $env:SEEDANCE_JOURNAL
        $manifest = Join-Path (Get-Module Seedance).ModuleBase 'Seedance.psd1'
        $process = (Get-Process -Id $PID).Path
        # The same PowerShell as this one: under the .NET tool the process is the dotnet host running pwsh.dll.
        $powershell = if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { @($process, (Join-Path $PSHOME 'pwsh.dll')) } else { @($process) }
    }
    AfterAll { Stop-SeedanceEmulator }

    It 'settles, with -Pending, the submit of a process killed before its answer came' {
        $prompt = 'a paid task whose answer never came'
        $script = "Import-Module '$manifest'; Connect-Seedance -Provider WaveSpeed -BaseUri '$($emulator.BaseUris['WaveSpeed'])' -ApiKey (ConvertTo-SecureString 'pester-emulator-key' -AsPlainText -Force) | Out-Null; New-SeedanceVideo -Image https://images.example.com/shot.jpg -Prompt '$prompt'"
        $child = Start-Process -FilePath $powershell[0] -ArgumentList (@($powershell | Select-Object -Skip 1) + '-NoProfile', '-NonInteractive', '-Command', $script) -PassThru
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while (-not (Get-Content $journal -ErrorAction SilentlyContinue | Where-Object { $_ -like '*"event":"intent"*' -and $_ -like "*$prompt*" }) -and [DateTime]::UtcNow -lt $deadline) {
            Start-Sleep -Milliseconds 100
        }

        # The POST follows its intent line at once; a second later it is surely at the emulator, which answers after 5 s.
        Start-Sleep -Seconds 1
        # kill -9: the submit is on the wire and its process is gone.
        Stop-Process -Id $child.Id -Force
        $child.WaitForExit()

        # A new session, as after a crash: its own runspace, the same journal, connected to where the submit went.
        $session = [powershell]::Create()
        $null = $session.AddScript({
            param($manifest, $uri, $prompt)
            Import-Module $manifest
            Connect-Seedance -Provider WaveSpeed -BaseUri $uri -ApiKey (ConvertTo-SecureString 'pester-emulator-key' -AsPlainText -Force) | Out-Null
            $journalled = @(Get-SeedanceTask -Recent | Where-Object Prompt -eq $prompt)
            $settled = @(Get-SeedanceTask -Pending -WarningVariable warnings -WarningAction SilentlyContinue | Where-Object Prompt -eq $prompt)
            [pscustomobject]@{
                JournalledBefore = $journalled.Count
                Settled          = $settled
                Final            = $settled | Wait-SeedanceTask
                Warnings         = @($warnings | Where-Object { "$_" -like "*$prompt*" })
                PendingAgain     = @(Get-SeedanceTask -Pending | Where-Object Prompt -eq $prompt).Count
            }
        }).AddArgument($manifest).AddArgument($emulator.BaseUris['WaveSpeed']).AddArgument($prompt)
        $after = $session.Invoke() | Select-Object -First 1
        $session.Dispose()

        $after.JournalledBefore | Should -Be 0
        $after.Settled | Should -HaveCount 1
        $after.Settled[0] | Should -BeOfType ([Seedance.VideoTask])
        $after.Settled[0].Id | Should -Be ((Invoke-RestMethod -Uri ([Uri]::new($emulator.Root, '_emulator/tasks'))) | Where-Object prompt -eq $prompt).id
        $after.Final.State | Should -Be 'Succeeded'
        $after.Warnings | Should -BeNullOrEmpty
        $after.PendingAgain | Should -Be 1
    }

    It 'reports an open submit plainly where the provider lists no tasks' {
        Stop-SeedanceEmulator
        $null = Start-SeedanceEmulator AIMLAPI -LatencySec 0.5 -ApiKey $key -FaultPlan '[{"endpoint":"submit","calls":[1],"action":"DropAfterHandling"}]'
        $prompt = 'an answer lost where no list can tell'
        { New-SeedanceVideo -Image https://images.example.com/shot.jpg -Prompt $prompt -ErrorAction Stop } |
            Should -Throw -ErrorId 'SubmitOutcomeUnknown,Seedance.Commands.Cmdlets.NewSeedanceVideoCommand'

        $pending = Get-SeedanceTask -Pending -WarningVariable warnings -WarningAction SilentlyContinue

        $pending | Where-Object Prompt -eq $prompt | Should -BeNullOrEmpty
        $about = @($warnings | Where-Object { "$_" -like "*$prompt*" })
        $about | Should -HaveCount 1
        "$($about[0])" | Should -BeLike '*https://aimlapi.com/app/usage*'
    }
}

Describe 'Loading' {
    It 'loads the build this PowerShell takes, or the one SEEDANCE_FRAMEWORK names' {
        $expected = if ($env:SEEDANCE_FRAMEWORK) { $env:SEEDANCE_FRAMEWORK } else { 'net8.0' }
        $target = @{ 'net8.0' = '.NETCoreApp,Version=v8.0'; 'netstandard2.0' = '.NETStandard,Version=v2.0' }[$expected]

        foreach ($assembly in (Get-Command New-SeedanceVideo).ImplementingType.Assembly, [Seedance.VideoTask].Assembly) {
            $assembly.Location | Should -BeLike ([IO.Path]::Combine((Get-Module Seedance).ModuleBase, 'bin', $expected, '*'))
            $assembly.GetCustomAttributes([System.Runtime.Versioning.TargetFrameworkAttribute], $false).FrameworkName | Should -Be $target
        }
    }

    It 'refuses a SEEDANCE_FRAMEWORK that names no build, and says what to use' {
        $manifest = Join-Path (Get-Module Seedance).ModuleBase 'Seedance.psd1'
        $child = [powershell]::Create()
        $previous = $env:SEEDANCE_FRAMEWORK
        $env:SEEDANCE_FRAMEWORK = 'net4.8'
        try {
            $null = $child.AddCommand('Import-Module').AddParameter('Name', $manifest).AddParameter('ErrorAction', 'Stop')
            { $child.Invoke() } | Should -Throw "*SEEDANCE_FRAMEWORK 'net4.8' is not a build of Seedance. Use one of: net8.0, netstandard2.0*"
        }
        finally {
            $env:SEEDANCE_FRAMEWORK = $previous
            $child.Dispose()
        }
    }
}

Describe 'Connections' {
    It 'never shows the key' {
        $secret = ConvertTo-SecureString 'sk-pester-secret-value-42' -AsPlainText -Force

        $connection = Connect-Seedance -Provider WaveSpeed -Name pester -ApiKey $secret

        ($connection | Format-List * | Out-String) | Should -Not -Match 'sk-pester-secret-value-42'
        $connection.KeySource | Should -Be '-ApiKey'
    }

    It 'refuses plain http to another machine' {
        { Connect-Seedance -Provider WaveSpeed -ApiKey (ConvertTo-SecureString 'k' -AsPlainText -Force) -BaseUri 'http://api.example.com' } |
            Should -Throw -ErrorId 'BaseUriInsecure,Seedance.Commands.Cmdlets.ConnectSeedanceCommand'
    }
}

Describe 'A download cut short' {
    BeforeAll {
        $key = ConvertTo-SecureString 'pester-emulator-key' -AsPlainText -Force
        # Every download sends half of the video and then cuts the connection.
        $emulator = Start-SeedanceEmulator -LatencySec 0.3 -ApiKey $key -FaultPlan '[{"endpoint":"download","action":"Truncate"}]'
        # One retry, so each download gives up within seconds rather than after the default six.
        $null = Connect-Seedance -Provider WaveSpeed -BaseUri $emulator.BaseUris['WaveSpeed'] -ApiKey $key -MaxRetries 1
    }
    AfterAll { Stop-SeedanceEmulator }

    It 'keeps the partial file, no final one, and says Save-SeedanceVideo resumes it' {
        $folder = Join-Path $TestDrive 'cut'
        $null = New-SeedanceVideo -Image https://images.example.com/shot.jpg -Prompt 'cut short' | Wait-SeedanceTask |
            Save-SeedanceVideo -Path $folder -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'DownloadFailed*'
        $failures[0].Exception.Message | Should -BeLike "*is kept; Save-SeedanceVideo resumes it."
        Get-ChildItem $folder -Filter *.partial | Should -HaveCount 1
        Get-ChildItem $folder -Filter *.mp4 | Should -BeNullOrEmpty
    }

    It 'says the next download starts over when the partial file cannot be marked for resuming' {
        $folder = Join-Path $TestDrive 'unmarked'
        $task = New-SeedanceVideo -Image https://images.example.com/shot.jpg -Prompt 'cut short, unmarked' | Wait-SeedanceTask
        # A folder where the resume record goes: it cannot be written there.
        New-Item -ItemType Directory -Force (Join-Path $folder "$($task.Id).mp4.partial.json") | Out-Null

        $null = $task | Save-SeedanceVideo -Path $folder -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].Exception.Message | Should -BeLike '*Save-SeedanceVideo downloads it again from the start.'
        $failures[0].Exception.Message | Should -Not -BeLike '*resumes it*'
        Get-ChildItem $folder -Filter *.mp4 | Should -BeNullOrEmpty
    }
}
