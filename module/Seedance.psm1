# Loads the build that fits the running PowerShell: net8.0 on PowerShell 7.4 and later (which run on .NET 8+),
# netstandard2.0 on Windows PowerShell 5.1 and on PowerShell 7.0-7.3. SEEDANCE_FRAMEWORK=netstandard2.0 loads the
# netstandard2.0 build in PowerShell 7.4+ as well, which is how the tests run that build's code on every CI run.
$frameworks = 'net8.0', 'netstandard2.0'
$framework = if ($PSVersionTable.PSVersion -ge [version]'7.4') { 'net8.0' } else { 'netstandard2.0' }
if ($env:SEEDANCE_FRAMEWORK) {
    if ($env:SEEDANCE_FRAMEWORK -notin $frameworks) {
        throw "SEEDANCE_FRAMEWORK '$env:SEEDANCE_FRAMEWORK' is not a build of Seedance. Use one of: $($frameworks -join ', '), or remove the variable."
    }
    $framework = $env:SEEDANCE_FRAMEWORK
}
$binary = [System.IO.Path]::Combine($PSScriptRoot, 'bin', $framework, 'Seedance.dll')
if (-not (Test-Path -LiteralPath $binary)) {
    throw "Seedance is not built for $framework ('$binary' is missing). Run ./build.ps1 -Task Build."
}

# The engine lives in bin/<framework>/dependencies, loaded apart from other modules' libraries: its resolver must be
# in place before PowerShell reads the cmdlets, whose parameters and outputs are the engine's types.
$null = [System.Reflection.Assembly]::LoadFrom($binary)
[Seedance.Commands.Runtime.ModuleInitializer]::RegisterResolver()
$cmdlets = Import-Module -Name $binary -PassThru -ErrorAction Stop
Export-ModuleMember -Cmdlet @($cmdlets.ExportedCmdlets.Keys)
