#Requires -Version 7.0
<#
.SYNOPSIS
    Builds, tests, packages, demonstrates and benchmarks the Seedance module.
.DESCRIPTION
    Build    lays the module out in out/Seedance/<version>/ from an explicit file list (fails if anything is missing)
    Help     writes en-US/Seedance.dll-Help.xml for the laid-out module from the cmdlets' doc comments
             (build/CmdletHelp.ps1; Build runs it)
    Test     runs the xunit suite, then the Pester tests, and ends with one line: "N passed, N failed"
    Pester   builds the module and runs the Pester tests in a child pwsh against the laid-out module, once loading
             its net8.0 build and once its netstandard2.0 build; Pester itself (pinned) is restored from NuGet
    Package  builds, then writes out/packages/Seedance.<version>.nupkg (PowerShell Gallery) and out/packages/Seedance.zip
             (Azure Automation)
    Demo     starts the emulator, makes sample images, runs the README pipeline, lists the MP4s and, with ffmpeg,
             writes docs/demo-contact-sheet.png from their frames
    Bench    runs the batch benchmark against the emulator
.EXAMPLE
    ./build.ps1 -Task Demo
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Help', 'Test', 'Pester', 'Package', 'Demo', 'Bench')]
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

$testResults = Join-Path $root 'out/test-results'
$pesterVersion = '5.9.1'
$pesterManifest = Join-Path $root "out/tools/packages/pester/$pesterVersion/tools/Pester.psd1"

# A native command whose output goes to the console, never into a task's results.
function Invoke-Native([string] $Command, [string[]] $Arguments) {
    & $Command @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "$Command $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

# The command line that starts another PowerShell like this one. Under the .NET tool (`dotnet pwsh`) this process is
# the dotnet host, which needs pwsh.dll as its first argument; an installed pwsh, or the apphost beside pwsh.dll,
# is itself the command.
function Get-PowerShellCommand([string] $ProcessPath = (Get-Process -Id $PID).Path, [string] $PowerShellHome = $PSHOME) {
    if ([IO.Path]::GetFileNameWithoutExtension($ProcessPath) -eq 'dotnet') {
        return @($ProcessPath, (Join-Path $PowerShellHome 'pwsh.dll'))
    }
    @($ProcessPath)
}

# A child PowerShell, so the module's DLLs are never loaded (and locked) in this session; returns its exit code.
function Start-PowerShell([string[]] $Arguments) {
    $command = Get-PowerShellCommand
    & $command[0] @($command | Select-Object -Skip 1) -NoProfile -NonInteractive @Arguments | Out-Host
    $LASTEXITCODE
}

# A child PowerShell that must succeed.
function Invoke-PowerShell([string[]] $Arguments) {
    $exitCode = Start-PowerShell $Arguments
    if ($exitCode -ne 0) { throw "A child PowerShell ($($Arguments -join ' ')) failed with exit code $exitCode." }
}

# Only the cmdlet assembly stays beside the loader: the engine and its libraries go to dependencies/, where no
# PowerShell probing finds them and the module loads them into a context of its own (see ModuleInitializer).
function Move-Dependencies([string] $Folder) {
    $dependencies = New-Item -ItemType Directory -Force (Join-Path $Folder 'dependencies')
    Get-ChildItem -File $Folder | Where-Object { $_.BaseName -ne 'Seedance' } | Move-Item -Destination $dependencies
}

function Invoke-BuildTask {
    if (Test-Path $moduleRoot) { Remove-Item -Recurse -Force $moduleRoot }
    foreach ($framework in $frameworks) {
        Invoke-Native dotnet @('publish', (Join-Path $root 'src/Seedance/Seedance.csproj'), '-c', $Configuration, '-f', $framework,
            '-o', (Join-Path $moduleRoot "bin/$framework"), '--nologo', '-v', 'quiet')
        Move-Dependencies (Join-Path $moduleRoot "bin/$framework")
    }

    $manifest = Get-Content -Raw (Join-Path $root 'Seedance.psd1')
    $manifest = $manifest -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion        = '$version'"
    Set-Content -Path (Join-Path $moduleRoot 'Seedance.psd1') -Value $manifest -NoNewline
    Copy-Item (Join-Path $root 'module/Seedance.psm1'), (Join-Path $root 'module/Seedance.format.ps1xml'), (Join-Path $root 'LICENSE') $moduleRoot
    # Help is generated from the doc comments by loading the module, which a child pwsh does so this session holds no lock.
    Invoke-PowerShell @('-File', $PSCommandPath, '-Task', 'Help', '-Configuration', $Configuration)
    Copy-Item (Join-Path $root 'module/en-US/about_Seedance.help.txt') (Join-Path $moduleRoot 'en-US')

    # The layout is checked against an explicit list, so a missing piece fails the build rather than the user.
    $required = @('Seedance.psd1', 'Seedance.psm1', 'Seedance.format.ps1xml', 'LICENSE', 'en-US/Seedance.dll-Help.xml', 'en-US/about_Seedance.help.txt') +
        ($frameworks | ForEach-Object { "bin/$_/Seedance.dll", "bin/$_/dependencies/Seedance.Engine.dll", "bin/$_/dependencies/Seedance.Emulator.dll", "bin/$_/dependencies/Polly.Core.dll", "bin/$_/dependencies/StbImageSharp.dll", "bin/$_/dependencies/BouncyCastle.Cryptography.dll" }) +
        @('bin/netstandard2.0/dependencies/System.Text.Json.dll')
    $missing = $required | Where-Object { -not (Test-Path (Join-Path $moduleRoot $_)) }
    if ($missing) { throw "The module layout is missing: $($missing -join ', ')" }
    $stray = Get-ChildItem -Recurse -File $moduleRoot -Filter 'System.Management.Automation.dll'
    if ($stray) { throw "System.Management.Automation.dll must not ship with the module: $($stray.FullName -join ', ')" }

    Test-ModuleManifest (Join-Path $moduleRoot 'Seedance.psd1') | Out-Null
    Write-Host "Built Seedance $version into $moduleRoot"
}

function Invoke-HelpTask {
    . (Join-Path $root 'build/CmdletHelp.ps1')
    $module = Import-Module (Join-Path $moduleRoot 'Seedance.psd1') -PassThru -Force
    $target = Join-Path $moduleRoot 'en-US/Seedance.dll-Help.xml'
    Write-CmdletHelp $module (Join-Path $moduleRoot 'bin/net8.0/Seedance.xml') $target
    Write-Host "Wrote $target"
}

function Invoke-TestTask {
    $runs = @(Invoke-Xunit) + @(Invoke-PesterRuns)
    Complete-TestRuns $runs
}

function Invoke-PesterTask {
    Complete-TestRuns @(Invoke-PesterRuns)
}

# xunit, with its counts read from the TRX file it writes, so the summary adds up what the runner recorded.
function Invoke-Xunit {
    $folder = Join-Path $testResults 'xunit'
    if (Test-Path $folder) { Remove-Item -Recurse -Force $folder }
    & dotnet test (Join-Path $root 'Seedance.sln') -c $Configuration --nologo --logger trx --results-directory $folder | Out-Host
    $exitCode = $LASTEXITCODE
    $counters = @(Get-ChildItem $folder -Recurse -Filter *.trx -ErrorAction Ignore |
        ForEach-Object { ([xml](Get-Content -Raw $_.FullName)).TestRun.ResultSummary.Counters })
    $sum = { param([string[]] $names) $total = 0; foreach ($c in $counters) { foreach ($n in $names) { $total += [int]$c.$n } }; $total }
    [pscustomobject]@{
        Name     = 'xunit'
        Passed   = & $sum 'passed'
        Failed   = & $sum 'failed', 'error', 'timeout', 'aborted'
        Skipped  = & $sum 'notExecuted'
        ExitCode = $exitCode
    }
}

# The Pester suite in a child pwsh against the laid-out module, once per build: net8.0 is what PowerShell 7.4+ loads;
# the netstandard2.0 build (what Windows PowerShell 5.1 loads) is forced with SEEDANCE_FRAMEWORK, so its code paths
# run in PowerShell 7 too.
function Invoke-PesterRuns {
    Restore-Pester
    Invoke-BuildTask
    foreach ($framework in $frameworks) { Invoke-PesterRun $framework }
}

# Pester comes from NuGet, pinned, into out/tools: never from the Gallery or whatever the machine has installed. So do
# the other versions of Seedance's libraries that the isolation tests load beside it.
function Restore-Pester {
    foreach ($project in 'Pester', 'OtherModules') {
        Invoke-Native dotnet @('restore', (Join-Path $root "tests/pester/tools/$project.restore.csproj"),
            '--packages', (Join-Path $root 'out/tools/packages'), '--nologo', '-v', 'quiet')
    }
    if (-not (Test-Path $pesterManifest)) { throw "Pester $pesterVersion was restored, but '$pesterManifest' is missing." }
}

function Invoke-PesterRun([string] $Framework) {
    $resultFile = Join-Path $testResults "pester-$Framework.xml"
    New-Item -ItemType Directory -Force $testResults | Out-Null
    Remove-Item $resultFile -ErrorAction Ignore
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$pesterManifest'
if ("`$((Get-Module Pester).Version)" -ne '$pesterVersion') { throw "Pester `$((Get-Module Pester).Version) was loaded instead of $pesterVersion." }
`$c = New-PesterConfiguration
`$c.Run.Path = '$root/tests/pester'
`$c.Run.Exit = `$true
`$c.Output.Verbosity = 'Detailed'
`$c.TestResult.Enabled = `$true
`$c.TestResult.OutputFormat = 'NUnitXml'
`$c.TestResult.OutputPath = '$resultFile'
`$c.TestResult.TestSuiteName = 'Seedance ($Framework)'
Invoke-Pester -Configuration `$c
"@
    Write-Host "== Pester against the $Framework build"
    $env:SEEDANCE_MODULE_MANIFEST = Join-Path $moduleRoot 'Seedance.psd1'
    $env:SEEDANCE_FRAMEWORK = $Framework
    try {
        $exitCode = Start-PowerShell @('-Command', $script)
    }
    finally {
        Remove-Item Env:SEEDANCE_FRAMEWORK, Env:SEEDANCE_MODULE_MANIFEST -ErrorAction Ignore
    }

    # NUnit 2.5 counts: total is the tests that ran; skipped and not-run ones are counted apart.
    $counts = if (Test-Path $resultFile) { ([xml](Get-Content -Raw $resultFile)).'test-results' }
    [pscustomobject]@{
        Name     = "Pester ($Framework)"
        Passed   = if ($counts) { [int]$counts.total - [int]$counts.failures - [int]$counts.errors } else { 0 }
        Failed   = if ($counts) { [int]$counts.failures + [int]$counts.errors } else { 0 }
        Skipped  = if ($counts) { [int]$counts.skipped + [int]$counts.'not-run' + [int]$counts.ignored } else { 0 }
        ExitCode = $exitCode
    }
}

# One line per runner and one closing line that adds them up; a runner that failed, or ran no test, fails the task.
function Complete-TestRuns([object[]] $Runs) {
    Write-Host ''
    foreach ($run in $Runs) {
        Write-Host ('{0}: {1} passed, {2} failed, {3} skipped' -f $run.Name, $run.Passed, $run.Failed, $run.Skipped)
    }
    Write-Host ('{0} passed, {1} failed' -f ($Runs | Measure-Object Passed -Sum).Sum, ($Runs | Measure-Object Failed -Sum).Sum)
    $broken = @($Runs | Where-Object { $_.Failed -gt 0 -or $_.ExitCode -ne 0 } | ForEach-Object Name)
    $empty = @($Runs | Where-Object { $_.Passed -eq 0 } | ForEach-Object Name)
    if ($broken) { throw "Tests failed: $($broken -join ', ')." }
    if ($empty) { throw "No test ran: $($empty -join ', ')." }
}

function Invoke-PackageTask {
    Invoke-BuildTask
    New-ModulePackages -ModuleFolder $moduleRoot -OutputFolder (Join-Path $root 'out/packages')
}

# Runs $Action with HOME and the data folders pointing into a temporary folder, so what a child PowerShell registers
# or installs there (PSResourceGet's repositories, installed modules, NuGet settings) never reaches the user's own.
function Use-ThrowawayProfile([scriptblock] $Action) {
    $throwawayProfile = Join-Path ([IO.Path]::GetTempPath()) "seedance-profile-$([guid]::NewGuid())"
    $saved = @{}
    foreach ($name in 'HOME', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'LOCALAPPDATA', 'APPDATA') {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        # Created first: .NET gives an empty path for a data folder that does not exist.
        [Environment]::SetEnvironmentVariable($name, (New-Item -ItemType Directory -Force (Join-Path $throwawayProfile $name)).FullName)
    }
    try { & $Action }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        Remove-Item -Recurse -Force $throwawayProfile -ErrorAction SilentlyContinue
    }
}

# The PowerShell Gallery package (.nupkg) and the zip Azure Automation imports, both from the laid-out module. The
# package is published to a folder repository registered in a throwaway profile.
function New-ModulePackages([string] $ModuleFolder, [string] $OutputFolder) {
    if (Test-Path $OutputFolder) { Remove-Item -Recurse -Force $OutputFolder }
    $null = New-Item -ItemType Directory -Force $OutputFolder
    Use-ThrowawayProfile {
        Invoke-PowerShell @('-Command', "`$ErrorActionPreference = 'Stop'; Register-PSResourceRepository -Name SeedanceBuild -Uri '$OutputFolder' -Trusted; Publish-PSResource -Path '$ModuleFolder' -Repository SeedanceBuild -SkipDependenciesCheck")
    }

    # Azure Automation takes a zip named after the module, holding the module's files in a folder of that name.
    $staging = Join-Path $OutputFolder 'automation/Seedance'
    Copy-Item -Recurse $ModuleFolder $staging
    Compress-Archive -Path $staging -DestinationPath (Join-Path $OutputFolder 'Seedance.zip') -Force
    Remove-Item -Recurse -Force (Join-Path $OutputFolder 'automation')
    Get-ChildItem $OutputFolder -File | ForEach-Object { Write-Host "Packaged $($_.FullName)" }
}

function Invoke-DemoTask {
    Invoke-BuildTask
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
        `$probe = ffprobe -v error -show_entries format=duration:stream=codec_type,codec_name,width,height,avg_frame_rate,sample_rate -of json `$_.FullName | ConvertFrom-Json
        `$streams = `$probe.streams | ForEach-Object {
            if (`$_.codec_type -eq 'video') { '{0} {1}x{2} at {3} fps' -f `$_.codec_name, `$_.width, `$_.height, `$_.avg_frame_rate } else { '{0} {1} Hz' -f `$_.codec_name, `$_.sample_rate }
        }
        '{0}: {1}, {2} s' -f `$_.Name, (`$streams -join ', '), `$probe.format.duration
    }
}
Stop-SeedanceEmulator
"@
    Invoke-PowerShell @('-Command', $script)
    Write-ContactSheet (Get-ChildItem (Join-Path $demo 'videos/*.mp4') | Sort-Object Name) (Join-Path $root 'docs/demo-contact-sheet.png')
}

# One row per video (its first, middle and last frame), from the videos a demo run just made, for the README.
function Write-ContactSheet([IO.FileInfo[]] $Videos, [string] $Target) {
    if (-not (Get-Command ffmpeg -ErrorAction Ignore)) {
        Write-Warning "ffmpeg is not installed, so $Target was not remade from this run."
        return
    }
    $inputs = @(); $rows = @()
    for ($i = 0; $i -lt $Videos.Count; $i++) {
        $inputs += @('-i', $Videos[$i].FullName)
        $rows += "[${i}:v]select='eq(n\,0)+eq(n\,60)+eq(n\,119)',scale=256:-2,tile=3x1[row$i]"
    }
    $stack = ($Videos | ForEach-Object -Begin { $n = 0 } -Process { "[row$n]"; $n++ }) -join ''
    $graph = ($rows -join ';') + ";${stack}vstack=inputs=$($Videos.Count)"
    New-Item -ItemType Directory -Force (Split-Path $Target) | Out-Null
    Invoke-Native ffmpeg (@('-v', 'error', '-y') + $inputs + @('-filter_complex', $graph, '-frames:v', '1', $Target))
    Write-Host "Contact sheet: $Target"
}

function Invoke-BenchTask {
    Invoke-Native dotnet (@('run', '-c', 'Release', '--project', (Join-Path $root 'bench/Seedance.Bench.csproj'), '--') + $BenchArguments)
}

foreach ($step in $Task) {
    & "Invoke-${step}Task"
}
