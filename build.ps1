#Requires -Version 7.0
<#
.SYNOPSIS
    Builds, tests, packages, demonstrates and benchmarks the Seedance module.
.DESCRIPTION
    Build    lays the module out in out/Seedance/<version>/ from an explicit file list (fails if anything is missing)
    Help     writes en-US/Seedance.dll-Help.xml for the laid-out module from the cmdlets' doc comments (Build runs it)
    Test     runs the xunit suite, then the Pester tests
    Pester   builds the module and runs the Pester tests in a child pwsh against the laid-out module
    Package  zips the laid-out module into out/Seedance-<version>.zip
    Demo     starts the emulator, makes sample images, runs the README pipeline, lists the MP4s
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

function Invoke-Native([string] $Command, [string[]] $Arguments) {
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Command $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-BuildTask {
    if (Test-Path $moduleRoot) { Remove-Item -Recurse -Force $moduleRoot }
    foreach ($framework in $frameworks) {
        Invoke-Native dotnet @('publish', (Join-Path $root 'src/Seedance/Seedance.csproj'), '-c', $Configuration, '-f', $framework,
            '-o', (Join-Path $moduleRoot "bin/$framework"), '--nologo', '-v', 'quiet')
    }

    $manifest = Get-Content -Raw (Join-Path $root 'Seedance.psd1')
    $manifest = $manifest -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion        = '$version'"
    Set-Content -Path (Join-Path $moduleRoot 'Seedance.psd1') -Value $manifest -NoNewline
    Copy-Item (Join-Path $root 'module/Seedance.psm1'), (Join-Path $root 'module/Seedance.format.ps1xml'), (Join-Path $root 'LICENSE') $moduleRoot
    # Help is generated from the doc comments by loading the module, which a child pwsh does so this session holds no lock.
    Invoke-Native (Get-Process -Id $PID).Path @('-NoProfile', '-NonInteractive', '-File', $PSCommandPath, '-Task', 'Help', '-Configuration', $Configuration)

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

function Invoke-HelpTask {
    $manifest = Join-Path $moduleRoot 'Seedance.psd1'
    $module = Import-Module $manifest -PassThru -Force
    $docs = [xml](Get-Content -Raw (Join-Path $moduleRoot 'bin/net8.0/Seedance.xml'))
    $members = @{}
    foreach ($member in $docs.doc.members.member) { $members[$member.name] = $member }
    # XPath rather than PowerShell's XML adapter, which fails under strict mode on a missing element.
    $text = { param($node) if ($node) { ($node.InnerText -replace '\s+', ' ').Trim() } }
    $children = { param($node, [string] $name) if ($node) { @($node.SelectNodes($name)) } else { @() } }
    $paragraphs = { param($node) if (-not $node) { @() } elseif ($node.SelectNodes('para').Count) { @(& $children $node 'para' | ForEach-Object { & $text $_ }) } else { @(& $text $node) } }

    $target = Join-Path $moduleRoot 'en-US/Seedance.dll-Help.xml'
    New-Item -ItemType Directory -Force (Split-Path $target) | Out-Null
    $settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
    $xml = [System.Xml.XmlWriter]::Create($target, $settings)
    $maml = 'http://schemas.microsoft.com/maml/2004/10'
    $command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    $dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
    $para = { param($content) foreach ($line in $content) { $xml.WriteElementString('para', $maml, $line) } }
    $common = [System.Management.Automation.Cmdlet]::CommonParameters
    $standard = @{
        WhatIf  = 'Shows what would happen (and, for New-SeedanceVideo, what it would cost) without doing it.'
        Confirm = 'Asks for confirmation before each action.'
    }
    $typeName = { param([type] $type) $inner = [Nullable]::GetUnderlyingType($type); if ($inner) { $inner.Name } else { $type.Name } }
    $pipelineText = { param($p) $kinds = @(); if ($p.ValueFromPipeline) { $kinds += 'ByValue' }; if ($p.ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }; if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' } }

    $xml.WriteStartElement('helpItems', 'http://msh'); $xml.WriteAttributeString('schema', 'maml')
    foreach ($cmdlet in $module.ExportedCmdlets.Values | Sort-Object Name) {
        $type = $cmdlet.ImplementingType
        $doc = $members["T:$($type.FullName)"]
        $xml.WriteStartElement('command', 'command', $command)
        $xml.WriteAttributeString('xmlns', 'maml', $null, $maml); $xml.WriteAttributeString('xmlns', 'dev', $null, $dev)
        $xml.WriteStartElement('details', $command)
        $xml.WriteElementString('name', $command, $cmdlet.Name)
        $xml.WriteElementString('verb', $command, $cmdlet.Verb)
        $xml.WriteElementString('noun', $command, $cmdlet.Noun)
        $xml.WriteStartElement('description', $maml); & $para @(& $text $doc.SelectSingleNode('summary')); $xml.WriteEndElement()
        $xml.WriteEndElement()
        $xml.WriteStartElement('description', $maml); & $para (& $paragraphs $doc.SelectSingleNode('remarks')); $xml.WriteEndElement()

        $parameters = @{}
        $xml.WriteStartElement('syntax', $command)
        foreach ($set in $cmdlet.ParameterSets) {
            $xml.WriteStartElement('syntaxItem', $command)
            $xml.WriteElementString('name', $maml, $cmdlet.Name)
            foreach ($p in $set.Parameters | Where-Object { $_.Name -notin $common }) {
                $parameters[$p.Name] = $p
                $xml.WriteStartElement('parameter', $command)
                $xml.WriteAttributeString('required', "$($p.IsMandatory)".ToLower())
                $xml.WriteAttributeString('position', $(if ($p.Position -ge 0) { $p.Position } else { 'named' }))
                $xml.WriteAttributeString('pipelineInput', (& $pipelineText $p))
                $xml.WriteElementString('name', $maml, $p.Name)
                if ($p.ParameterType -ne [switch]) { $xml.WriteElementString('parameterValue', $command, (& $typeName $p.ParameterType)) }
                $xml.WriteEndElement()
            }
            $xml.WriteEndElement()
        }
        $xml.WriteEndElement()

        $xml.WriteStartElement('parameters', $command)
        foreach ($p in $parameters.Values | Sort-Object Name) {
            $property = $type.GetProperty($p.Name)
            $member = if ($property) { $members["P:$($property.DeclaringType.FullName).$($p.Name)"] }
            $description = if ($member) { & $text $member.SelectSingleNode('summary') } else { $standard[$p.Name] }
            if (-not $description) { throw "$($cmdlet.Name) -$($p.Name) has no doc comment; help would be empty." }
            $xml.WriteStartElement('parameter', $command)
            $xml.WriteAttributeString('required', "$($p.IsMandatory)".ToLower())
            $xml.WriteAttributeString('position', $(if ($p.Position -ge 0) { $p.Position } else { 'named' }))
            $xml.WriteAttributeString('pipelineInput', (& $pipelineText $p))
            $xml.WriteAttributeString('globbing', 'false')
            if ($p.Aliases.Count) { $xml.WriteAttributeString('aliases', ($p.Aliases -join ', ')) }
            $xml.WriteElementString('name', $maml, $p.Name)
            $xml.WriteStartElement('description', $maml); & $para @($description); $xml.WriteEndElement()
            $xml.WriteElementString('parameterValue', $command, (& $typeName $p.ParameterType))
            $xml.WriteStartElement('type', $dev); $xml.WriteElementString('name', $maml, (& $typeName $p.ParameterType)); $xml.WriteEndElement()
            $xml.WriteEndElement()
        }
        $xml.WriteEndElement()

        $xml.WriteStartElement('outputTypes', $command)
        foreach ($output in $cmdlet.OutputType) {
            $xml.WriteStartElement('outputType', $command); $xml.WriteStartElement('type', $dev); $xml.WriteElementString('name', $maml, $output.Name); $xml.WriteEndElement(); $xml.WriteEndElement()
        }
        $xml.WriteEndElement()

        $xml.WriteStartElement('examples', $command)
        $number = 0
        foreach ($example in (& $children $doc 'example')) {
            $number++
            $xml.WriteStartElement('example', $command)
            $xml.WriteElementString('title', $maml, "-------------------------- Example $number --------------------------")
            $xml.WriteElementString('code', $dev, (& $text $example.SelectSingleNode('code')))
            $xml.WriteStartElement('remarks', $dev); & $para @(& $children $example 'para' | ForEach-Object { & $text $_ }); $xml.WriteEndElement()
            $xml.WriteEndElement()
        }
        $xml.WriteEndElement()
        $xml.WriteEndElement()
    }

    $xml.WriteEndElement()
    $xml.Dispose()
    Write-Host "Wrote $target"
}

function Invoke-TestTask {
    Invoke-Native dotnet @('test', (Join-Path $root 'Seedance.sln'), '-c', $Configuration, '--nologo')
    Invoke-PesterTask
}

function Invoke-PesterTask {
    if (-not (Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0')) {
        Write-Warning 'Pester 5 is not installed: the Pester tests were not run. Install-Module Pester -MinimumVersion 5.0'
        return
    }

    Invoke-BuildTask
    # A child pwsh, so the module's DLLs are never locked in this session.
    $script = "Import-Module Pester -MinimumVersion 5.0; `$c = New-PesterConfiguration; `$c.Run.Path = '$root/tests/pester'; `$c.Run.Exit = `$true; `$c.Output.Verbosity = 'Detailed'; Invoke-Pester -Configuration `$c"
    $env:SEEDANCE_MODULE_MANIFEST = Join-Path $moduleRoot 'Seedance.psd1'
    Invoke-Native (Get-Process -Id $PID).Path @('-NoProfile', '-NonInteractive', '-Command', $script)
}

function Invoke-PackageTask {
    Invoke-BuildTask
    $zip = Join-Path $root "out/Seedance-$version.zip"
    Compress-Archive -Path (Join-Path $root "out/Seedance") -DestinationPath $zip -Force
    Write-Host "Packaged $zip"
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
    Invoke-Native (Get-Process -Id $PID).Path @('-NoProfile', '-NonInteractive', '-Command', $script)
}

function Invoke-BenchTask {
    Invoke-Native dotnet (@('run', '-c', 'Release', '--project', (Join-Path $root 'bench/Seedance.Bench.csproj'), '--') + $BenchArguments)
}

foreach ($step in $Task) {
    & "Invoke-${step}Task"
}
