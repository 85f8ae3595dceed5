#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Connections as users handle them: what they show, replacing and removing them, and what removing the module stops.
# Everything runs against the emulator.

BeforeAll {
    $manifest = $env:SEEDANCE_MODULE_MANIFEST
    if (-not $manifest) { $manifest = (Resolve-Path "$PSScriptRoot/../../out/Seedance/*/Seedance.psd1" | Select-Object -Last 1).Path }
    $env:SEEDANCE_JOURNAL = Join-Path $TestDrive 'journal.jsonl'
    Import-Module $manifest -Force

    $key = ConvertTo-SecureString 'pester-connections-key' -AsPlainText -Force

    function Connect-Twin([string] $Provider, [string] $Name) {
        Connect-Seedance -Provider $Provider -Name $Name -BaseUri $emulator.BaseUris[$Provider] -ApiKey $key -WarningAction SilentlyContinue
    }

    function Test-PortOpen([int] $Port) {
        $client = [System.Net.Sockets.TcpClient]::new()
        try { $client.Connect('127.0.0.1', $Port); $true } catch { $false } finally { $client.Dispose() }
    }
}

Describe 'A connection as Get-SeedanceConnection shows it' {
    BeforeAll { $emulator = Start-SeedanceEmulator -ApiKey $key -LatencySec 0.3 -NoConnect }
    AfterAll { Stop-SeedanceEmulator }

    It 'is a plain record: the profile and its counts, no machinery and no methods of its own' {
        Connect-Twin fal record | Out-Null

        $record = Get-SeedanceConnection record
        $properties = $record | Get-Member -MemberType Properties | ForEach-Object Name
        $methods = $record | Get-Member -MemberType Method | ForEach-Object Name

        $properties | Sort-Object | Should -Be @('BaseUri', 'DefaultModel', 'IsDefault', 'KeySource', 'Name', 'PendingTasks', 'Provider', 'Region', 'ThrottleLimit')
        $methods | Sort-Object | Should -Be @('Equals', 'GetHashCode', 'GetType', 'ToString')
        $record.Provider | Should -Be 'fal'
        $record.BaseUri.AbsoluteUri.TrimEnd('/') | Should -Be $emulator.BaseUris['fal'].AbsoluteUri.TrimEnd('/')
        $record.KeySource | Should -Be '-ApiKey'
        $record.ThrottleLimit | Should -Be 10
        $record.PendingTasks | Should -Be 0
        $record.IsDefault | Should -BeTrue
        "$record" | Should -Be 'record'
    }

    It 'counts the tasks still unfinished' {
        Connect-Twin WaveSpeed counting | Out-Null
        $task = New-SeedanceVideo 'https://images.example.com/a.jpg' -Prompt 'slow pan #stuck' -Connection counting

        (Get-SeedanceConnection counting).PendingTasks | Should -Be 1
        $task | Stop-SeedanceTask -WarningAction SilentlyContinue
    }

    It 'is what Connect-Seedance returns too' {
        $record = Connect-Twin fal returned

        $record.GetType().FullName | Should -Be 'Seedance.Connections.ConnectionInfo'
        $record.IsDefault | Should -BeTrue
    }
}

Describe 'Connecting again under a name in use' {
    BeforeAll { $emulator = Start-SeedanceEmulator -ApiKey $key -LatencySec 0.3 -NoConnect }
    AfterAll { Stop-SeedanceEmulator }

    It 'warns that the old connection was replaced, naming it' {
        Connect-Twin fal work | Out-Null

        Connect-Seedance -Provider WaveSpeed -Name work -BaseUri $emulator.BaseUris['WaveSpeed'] -ApiKey $key -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null

        $warnings | Should -HaveCount 1
        "$($warnings[0])" | Should -BeLike "The connection 'work' (fal at $($emulator.BaseUris['fal'].AbsoluteUri.TrimEnd('/'))*) was replaced.*"
        (Get-SeedanceConnection work).Provider | Should -Be 'WaveSpeed'
    }

    It 'says nothing for a new name' {
        Connect-Seedance -Provider fal -Name "fresh-$(New-Guid)" -BaseUri $emulator.BaseUris['fal'] -ApiKey $key -WarningVariable warnings | Out-Null

        $warnings | Should -HaveCount 0
    }
}

Describe 'Disconnect-Seedance' {
    BeforeAll { $emulator = Start-SeedanceEmulator -ApiKey $key -LatencySec 0.3 -NoConnect }
    AfterAll { Stop-SeedanceEmulator }
    BeforeEach { Get-SeedanceConnection | Disconnect-Seedance -WarningAction SilentlyContinue }

    It 'removes a connection by name' {
        Connect-Twin fal one | Out-Null
        Connect-Twin WaveSpeed two | Out-Null

        Disconnect-Seedance -Name one

        Get-SeedanceConnection | ForEach-Object Name | Should -Be @('two')
    }

    It 'removes what Get-SeedanceConnection sends it by pipeline, and names given as strings' {
        Connect-Twin fal one | Out-Null
        Connect-Twin fal two | Out-Null
        Connect-Twin WaveSpeed three | Out-Null

        Get-SeedanceConnection one | Disconnect-Seedance
        'two' | Disconnect-Seedance

        Get-SeedanceConnection | ForEach-Object Name | Should -Be @('three')
    }

    It 'makes the newest of the rest the default when the default goes' {
        Connect-Twin fal oldest | Out-Null
        Connect-Twin WaveSpeed middle | Out-Null
        Connect-Twin fal newest | Out-Null

        Disconnect-Seedance newest

        (Get-SeedanceConnection | Where-Object IsDefault).Name | Should -Be 'middle'
        (Get-SeedanceConnection)[0].Name | Should -Be 'middle'
        $task = New-SeedanceVideo 'https://images.example.com/a.jpg' -Prompt 'slow pan'
        $task.Connection | Should -Be 'middle'
        $task | Stop-SeedanceTask -WarningAction SilentlyContinue
    }

    It 'leaves the default alone when another connection goes' {
        Connect-Twin fal other | Out-Null
        Connect-Twin WaveSpeed chosen | Out-Null

        Disconnect-Seedance other

        (Get-SeedanceConnection chosen).IsDefault | Should -BeTrue
    }

    It 'removes nothing under -WhatIf, and goes ahead with -Confirm:$false' {
        Connect-Twin fal kept | Out-Null

        Disconnect-Seedance kept -WhatIf
        Get-SeedanceConnection kept | Should -Not -BeNullOrEmpty

        Disconnect-Seedance kept -Confirm:$false
        Get-SeedanceConnection kept | Should -BeNullOrEmpty
    }

    It 'takes wildcards' {
        Connect-Twin fal 'batch-1' | Out-Null
        Connect-Twin fal 'batch-2' | Out-Null
        Connect-Twin fal other | Out-Null

        Disconnect-Seedance 'batch-*'

        Get-SeedanceConnection | ForEach-Object Name | Should -Be @('other')
    }

    It 'reports a name it does not know as an error of its own' {
        Disconnect-Seedance nowhere -ErrorAction SilentlyContinue -ErrorVariable failures

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ConnectionNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'warns about unfinished tasks it stops following' {
        Connect-Twin WaveSpeed busy | Out-Null
        $task = New-SeedanceVideo 'https://images.example.com/a.jpg' -Prompt 'slow pan #stuck'

        Disconnect-Seedance busy -WarningVariable warnings -WarningAction SilentlyContinue

        $warnings | Should -HaveCount 1
        "$($warnings[0])" | Should -BeLike "*1 unfinished task(s) are no longer followed here*Get-SeedanceTask -Pending*"
        Get-SeedanceTask -Pending | ForEach-Object Id | Should -Contain $task.Id
    }

    It 'has help with examples' {
        $help = Get-Help Disconnect-Seedance -Full

        $help.Synopsis | Should -Be 'Removes connections from this session.'
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        $help.Examples.Example[0].Code | Should -Be 'Disconnect-Seedance -Name batch'
        ($help.Parameters.Parameter | Where-Object Name -EQ 'Name').Description.Text | Should -BeLike '*connections to remove*'
    }
}

Describe 'Task input' {
    BeforeAll {
        $emulator = Start-SeedanceEmulator -ApiKey $key -LatencySec 0.3
    }
    AfterAll { Stop-SeedanceEmulator }

    It 'binds tasks by pipeline, as -InputObject, and as -Task' {
        $tasks = 1..3 | ForEach-Object { New-SeedanceVideo 'https://images.example.com/a.jpg' -Prompt "slow pan $_" }

        ($tasks[0] | Wait-SeedanceTask).State | Should -Be 'Succeeded'
        (Wait-SeedanceTask -InputObject $tasks[1]).State | Should -Be 'Succeeded'
        (Wait-SeedanceTask -Task $tasks[2]).State | Should -Be 'Succeeded'
        (Get-SeedanceTask -Task $tasks[2]).State | Should -Be 'Succeeded'
    }
}

Describe 'Remove-Module Seedance' {
    It 'stops the emulator, so its port refuses connections afterwards' {
        $child = [powershell]::Create()
        try {
            $null = $child.AddScript("Import-Module '$manifest'; (Start-SeedanceEmulator -ApiKey (ConvertTo-SecureString k -AsPlainText -Force) -LatencySec 0.3).Root.Port")
            $port = $child.Invoke() | Select-Object -Last 1
            Test-PortOpen $port | Should -BeTrue

            $child.Commands.Clear()
            $null = $child.AddScript('Remove-Module Seedance')
            $child.Invoke()

            Test-PortOpen $port | Should -BeFalse
        }
        finally {
            $child.Dispose()
        }
    }

    It 'stops following the tasks of its connections' {
        $child = [powershell]::Create()
        try {
            $null = $child.AddScript(@"
Import-Module '$manifest'
`$emulator = Start-SeedanceEmulator -ApiKey (ConvertTo-SecureString k -AsPlainText -Force) -LatencySec 0.3 -NoConnect
`$key = ConvertTo-SecureString k -AsPlainText -Force
Connect-Seedance WaveSpeed -BaseUri `$emulator.BaseUris['WaveSpeed'] -ApiKey `$key | Out-Null
`$null = New-SeedanceVideo 'https://images.example.com/a.jpg' -Prompt 'slow pan #stuck'
(Get-SeedanceConnection).PendingTasks
Remove-Module Seedance
Import-Module '$manifest'
@(Get-SeedanceConnection).Count
"@)
            $pending, $left = $child.Invoke()

            $pending | Should -Be 1
            $left | Should -Be 0
        }
        finally {
            $child.Dispose()
        }
    }
}
