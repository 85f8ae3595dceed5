#Requires -Version 7.0
<#
.SYNOPSIS
    Builds, tests, packages, demonstrates and benchmarks the Seedance module.
.DESCRIPTION
    Build    lays the module out in out/Seedance/<version>/ from an explicit file list (fails if anything is missing)
    Test     runs the xunit suite, then the Pester tests in a child pwsh against the laid-out module
    Package  zips the laid-out module into out/Seedance-<version>.zip
    Demo     starts the emulator, makes sample images, runs the README pipeline, lists the MP4s
    Bench    runs the batch benchmark against the emulator
.EXAMPLE
    ./build.ps1 -Task Demo
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo', 'Bench')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Arguments passed on to the benchmark.
    [string[]] $BenchArguments = @()
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$version = ([xml](Get-Content -Raw (Join-Path $root 'Directory.Build.props'))).Project.PropertyGroup.Version | Where-Object { $_ } | Select-Object -First 1
$moduleRoot = Join-Path $root "out/Seedance/$version"
$frameworks = 'net8.0', 'netstandard2.0'

function Invoke-Native([string] $Command, [string[]] $Arguments) {
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Command $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    if (Test-Path $moduleRoot) { Remove-Item -Recurse -Force $moduleRoot }
    foreach ($framework in $frameworks) {
        Invoke-Native dotnet @('publish', (Join-Path $root 'src/Seedance/Seedance.csproj'), '-c', $Configuration, '-f', $framework,
            '-o', (Join-Path $moduleRoot "bin/$framework"), '--nologo', '-v', 'quiet')
    }

    $manifest = Get-Content -Raw (Join-Path $root 'Seedance.psd1')
    $manifest = $manifest -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion        = '$version'"
    Set-Content -Path (Join-Path $moduleRoot 'Seedance.psd1') -Value $manifest -NoNewline
    Copy-Item (Join-Path $root 'module/Seedance.psm1'), (Join-Path $root 'module/Seedance.format.ps1xml'), (Join-Path $root 'LICENSE') $moduleRoot
    Copy-Item -Recurse (Join-Path $root 'module/en-US') $moduleRoot

    # The layout is checked against an explicit list, so a missing piece fails the build rather than the user.
    $required = @('Seedance.psd1', 'Seedance.psm1', 'Seedance.format.ps1xml', 'LICENSE', 'en-US/Seedance.dll-Help.xml') +
        ($frameworks | ForEach-Object { "bin/$_/Seedance.dll", "bin/$_/Seedance.Engine.dll", "bin/$_/Seedance.Emulator.dll", "bin/$_/Polly.Core.dll" }) +
        @('bin/netstandard2.0/System.Text.Json.dll')
    $missing = $required | Where-Object { -not (Test-Path (Join-Path $moduleRoot $_)) }
    if ($missing) { throw "The module layout is missing: $($missing -join ', ')" }
    $stray = Get-ChildItem -Recurse -File $moduleRoot -Filter 'System.Management.Automation.dll'
    if ($stray) { throw "System.Management.Automation.dll must not ship with the module: $($stray.FullName -join ', ')" }

    Test-ModuleManifest (Join-Path $moduleRoot 'Seedance.psd1') | Out-Null
    Write-Host "Built Seedance $version into $moduleRoot"
}

function Invoke-Test {
    Invoke-Native dotnet @('test', (Join-Path $root 'Seedance.sln'), '-c', $Configuration, '--nologo')
    if (-not (Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0')) {
        Write-Warning 'Pester 5 is not installed: the Pester tests were not run. Install-Module Pester -MinimumVersion 5.0'
        return
    }

    Invoke-Build
    # A child pwsh, so the module's DLLs are never locked in this session.
    $script = "Import-Module Pester -MinimumVersion 5.0; `$c = New-PesterConfiguration; `$c.Run.Path = '$root/tests/pester'; `$c.Run.Exit = `$true; `$c.Output.Verbosity = 'Detailed'; Invoke-Pester -Configuration `$c"
    $env:SEEDANCE_MODULE_MANIFEST = Join-Path $moduleRoot 'Seedance.psd1'
    Invoke-Native (Get-Process -Id $PID).Path @('-NoProfile', '-NonInteractive', '-Command', $script)
}

function Invoke-Package {
    Invoke-Build
    $zip = Join-Path $root "out/Seedance-$version.zip"
    Compress-Archive -Path (Join-Path $root "out/Seedance") -DestinationPath $zip -Force
    Write-Host "Packaged $zip"
}

function Invoke-Demo {
    Invoke-Build
    $demo = Join-Path $root 'out/demo'
    if (Test-Path $demo) { Remove-Item -Recurse -Force $demo }
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$moduleRoot/Seedance.psd1'
`$emulator = Start-SeedanceEmulator -LatencySec 2
Write-Host "Emulator: `$(`$emulator.Root)"
New-Item -ItemType Directory -Force '$demo/shots' | Out-Null
1..4 | ForEach-Object { [Seedance.Emulator.Media.SampleImage]::WritePng("$demo/shots/shot`$_.png", 640, 360, `$_) }

Get-ChildItem '$demo/shots/*.png' |
    New-SeedanceVideo -Prompt 'slow orbital pan, soft studio light' -Duration 5 |
    Wait-SeedanceTask |
    Save-SeedanceVideo -Path '$demo/videos' |
    Format-Table

if (Get-Command ffprobe -ErrorAction Ignore) {
    Get-ChildItem '$demo/videos/*.mp4' | ForEach-Object {
        `$probe = ffprobe -v error -show_entries format=duration:stream=codec_name,width,height,avg_frame_rate -of json `$_.FullName | ConvertFrom-Json
        '{0}: {1}' -f `$_.Name, ((`$probe.streams | ForEach-Object { '{0} {1}x{2} {3}' -f `$_.codec_name, `$_.width, `$_.height, `$_.avg_frame_rate }) -join ', ') + ", {0} s" -f `$probe.format.duration
    }
}
Stop-SeedanceEmulator
"@
    Invoke-Native (Get-Process -Id $PID).Path @('-NoProfile', '-NonInteractive', '-Command', $script)
}

function Invoke-Bench {
    Invoke-Native dotnet (@('run', '-c', 'Release', '--project', (Join-Path $root 'bench/Seedance.Bench.csproj'), '--') + $BenchArguments)
}

foreach ($step in $Task) {
    & "Invoke-$step"
}
