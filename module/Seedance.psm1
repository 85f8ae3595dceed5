# Loads the build that fits the running PowerShell: net8.0 on PowerShell 7.4 and later (which run on .NET 8+),
# netstandard2.0 on Windows PowerShell 5.1 and on PowerShell 7.0-7.3.
$framework = if ($PSVersionTable.PSVersion -ge [version]'7.4') { 'net8.0' } else { 'netstandard2.0' }
$binary = [System.IO.Path]::Combine($PSScriptRoot, 'bin', $framework, 'Seedance.dll')
if (-not (Test-Path -LiteralPath $binary)) {
    throw "Seedance is not built for $framework ('$binary' is missing). Run ./build.ps1 -Task Build."
}

$cmdlets = Import-Module -Name $binary -PassThru -ErrorAction Stop
Export-ModuleMember -Cmdlet @($cmdlets.ExportedCmdlets.Keys)
