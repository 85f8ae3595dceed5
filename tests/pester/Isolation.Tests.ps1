#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Seedance beside another module that ships other versions of the same libraries (Polly.Core, System.Text.Json),
# loaded before Seedance and after it. Each case runs in a fresh PowerShell process: a process loads an assembly once.

BeforeDiscovery {
    $cases = foreach ($order in 'before', 'after') { @{ Order = $order } }
}

BeforeAll {
    $manifest = $env:SEEDANCE_MODULE_MANIFEST
    if (-not $manifest) { $manifest = (Resolve-Path "$PSScriptRoot/../../out/Seedance/*/Seedance.psd1" | Select-Object -Last 1).Path }
    $packages = Join-Path $PSScriptRoot '../../out/tools/packages'
    $otherPolly = (Resolve-Path (Join-Path $packages 'polly.core/8.1.0/lib/netstandard2.0/Polly.Core.dll')).Path
    $otherJson = (Resolve-Path (Join-Path $packages 'system.text.json/9.0.0/lib/netstandard2.0/System.Text.Json.dll')).Path
    $process = (Get-Process -Id $PID).Path
    # The same PowerShell as this one: under the .NET tool the process is the dotnet host running pwsh.dll.
    $powershell = if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { @($process, (Join-Path $PSHOME 'pwsh.dll')) } else { @($process) }

    function Invoke-BesideOtherModule([string] $Order) {
        $script = {
            param($manifest, $otherPolly, $otherJson, $order)
            $ErrorActionPreference = 'Stop'
            $loadOther = {
                try { Add-Type -Path $otherJson } catch { }   # this PowerShell may hold its own System.Text.Json already
                Add-Type -Path $otherPolly
            }
            if ($order -eq 'before') { & $loadOther }
            Import-Module $manifest
            $null = Start-SeedanceEmulator -LatencySec 0.2 -ApiKey (ConvertTo-SecureString 'pester-isolation-key' -AsPlainText -Force)
            $task = New-SeedanceVideo -Image https://images.example.com/shot.jpg -Prompt 'slow pan' | Wait-SeedanceTask
            Stop-SeedanceEmulator
            if ($order -eq 'after') { & $loadOther }

            $moduleBase = (Get-Module Seedance).ModuleBase
            $loaded = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { -not $_.IsDynamic -and $_.Location } | ForEach-Object {
                [pscustomobject]@{
                    Name    = $_.GetName().Name
                    Path    = $_.Location
                    Default = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_) -eq [System.Runtime.Loader.AssemblyLoadContext]::Default
                    Ours    = $_.Location.StartsWith($moduleBase)
                }
            }
            [pscustomobject]@{
                State          = "$($task.State)"
                IsVideoTask    = $task -is [Seedance.VideoTask]
                OursInDefault  = @($loaded | Where-Object { $_.Ours -and $_.Default } | ForEach-Object Name)
                OursApart      = @($loaded | Where-Object { $_.Ours -and -not $_.Default } | ForEach-Object Name)
                OtherPolly     = @($loaded | Where-Object { $_.Name -eq 'Polly.Core' -and $_.Default } | ForEach-Object Path)
            } | ConvertTo-Json -Compress
        }
        $command = "& { $script } '$manifest' '$otherPolly' '$otherJson' '$Order'"
        $output = & $powershell[0] @($powershell | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $command 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        ($output | Select-Object -Last 1) | ConvertFrom-Json
    }
}

Describe 'Another module with other versions of the same libraries, loaded <Order> Seedance' -ForEach $cases {
    BeforeAll { $result = Invoke-BesideOtherModule $Order }

    It 'leaves both modules working' {
        $result.State | Should -Be 'Succeeded'
        $result.OtherPolly | Should -Be $otherPolly
    }

    It 'keeps only the cmdlet assembly in the default load context, and the engine with its libraries apart' {
        $result.OursInDefault | Should -Be @('Seedance')
        $result.OursApart | Should -Contain 'Seedance.Engine'
        $result.OursApart | Should -Contain 'Seedance.Emulator'
        $result.OursApart | Should -Contain 'Polly.Core'
        # Ed25519 for fal's webhooks: the emulator's fal twin makes its key pair when it starts.
        $result.OursApart | Should -Contain 'BouncyCastle.Cryptography'
        if ($env:SEEDANCE_FRAMEWORK -eq 'netstandard2.0') {
            # That build ships its own System.Text.Json; the net8.0 build uses the runtime's.
            $result.OursApart | Should -Contain 'System.Text.Json'
        }
    }

    It "still lets scripts name the module's types" {
        $result.IsVideoTask | Should -BeTrue
    }
}
