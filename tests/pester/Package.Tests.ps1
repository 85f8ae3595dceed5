#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# ./build.ps1 -Task Package: a PowerShell Gallery package that installs with Install-PSResource, and the zip Azure
# Automation imports. Built here from the laid-out module under test, into this test's own folders.

BeforeAll {
    $manifest = $env:SEEDANCE_MODULE_MANIFEST
    if (-not $manifest) { $manifest = (Resolve-Path "$PSScriptRoot/../../out/Seedance/*/Seedance.psd1" | Select-Object -Last 1).Path }
    $moduleFolder = Split-Path -Parent $manifest
    $version = (Import-PowerShellDataFile $manifest).ModuleVersion

    # The packaging functions, taken from build.ps1 itself so the test cannot drift from it.
    $ast = [System.Management.Automation.Language.Parser]::ParseFile((Join-Path $PSScriptRoot '../../build.ps1'), [ref]$null, [ref]$null)
    foreach ($name in 'Get-PowerShellCommand', 'Start-PowerShell', 'Invoke-PowerShell', 'Use-ThrowawayProfile', 'New-ModulePackages') {
        $definition = $ast.Find({ param($node) $node -is [System.Management.Automation.Language.FunctionDefinitionAst] -and $node.Name -eq $name }.GetNewClosure(), $true)
        . ([scriptblock]::Create($definition.Extent.Text))
    }

    $packages = Join-Path $TestDrive 'packages'
    New-ModulePackages -ModuleFolder $moduleFolder -OutputFolder $packages 6>$null

    # A child PowerShell in a throwaway profile: what it registers and installs never reaches the machine's.
    function Invoke-InFreshProfile([string] $Script) {
        Use-ThrowawayProfile {
            $command = Get-PowerShellCommand
            $output = & $command[0] @($command | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $Script 2>&1
            $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
            ($output | Select-Object -Last 1) | ConvertFrom-Json
        }
    }
}

Describe 'The PowerShell Gallery package' {
    It 'is one .nupkg named for the module and its version' {
        (Get-ChildItem $packages -Filter *.nupkg).Name | Should -Be "Seedance.$version.nupkg"
    }

    It 'installs from a folder repository with Install-PSResource, and the installed module works' {
        $result = Invoke-InFreshProfile @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name Local -Uri '$packages' -Trusted
Install-PSResource -Name Seedance -Repository Local -Scope CurrentUser -TrustRepository
`$installed = Get-InstalledPSResource -Name Seedance
# This PowerShell's module path was set from the real profile; the fresh profile's user folder is put in front.
`$env:PSModulePath = `$installed.InstalledLocation + [IO.Path]::PathSeparator + `$env:PSModulePath
Import-Module Seedance
`$module = Get-Module Seedance
[pscustomobject]@{
    Version  = "`$(`$installed.Version)"
    Manifest = "`$((Test-ModuleManifest (Join-Path `$module.ModuleBase 'Seedance.psd1')).Name)"
    Commands = @(Get-Command -Module Seedance).Count
    Models   = @(Get-SeedanceModel -Provider fal).Count
    Base     = `$module.ModuleBase
} | ConvertTo-Json -Compress
"@

        $result.Version | Should -Be $version
        $result.Manifest | Should -Be 'Seedance'
        $result.Commands | Should -Be @((Import-PowerShellDataFile $manifest).CmdletsToExport).Count
        $result.Models | Should -BeGreaterThan 0
        $result.Base | Should -Not -BeLike "$moduleFolder*"
    }
}

Describe 'The Azure Automation zip' {
    It 'is named for the module and holds the module in a folder of that name, ready to import' {
        $zip = Join-Path $packages 'Seedance.zip'
        $unpacked = Join-Path $TestDrive 'automation'
        Expand-Archive $zip -DestinationPath $unpacked

        Get-ChildItem $unpacked | ForEach-Object Name | Should -Be 'Seedance'
        $result = Invoke-InFreshProfile @"
Import-Module '$unpacked/Seedance/Seedance.psd1' -ErrorAction Stop
[pscustomobject]@{ Manifest = "`$((Test-ModuleManifest '$unpacked/Seedance/Seedance.psd1').Version)"; Commands = @(Get-Command -Module Seedance).Count } | ConvertTo-Json -Compress
"@
        $result.Manifest | Should -Be $version
        $result.Commands | Should -BeGreaterThan 0
    }
}
