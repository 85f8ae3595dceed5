#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# build.ps1 starts child PowerShells (help generation, the Pester runs, the demo). They must be the same PowerShell
# as the one running the build, however it was installed: the .NET tool (`dotnet pwsh`, whose process is the dotnet
# host), a package install, or the apphost beside pwsh.dll.

BeforeAll {
    # The function under test, taken from build.ps1 itself so the test cannot drift from it.
    $buildScript = Join-Path $PSScriptRoot '../../build.ps1'
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($buildScript, [ref]$null, [ref]$null)
    $definition = $ast.Find({ param($node) $node -is [System.Management.Automation.Language.FunctionDefinitionAst] -and $node.Name -eq 'Get-PowerShellCommand' }, $true)
    . ([scriptblock]::Create($definition.Extent.Text))

    function Invoke-Child([string[]] $Command, [string] $Script) {
        & $Command[0] @($Command | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $Script
        if ($LASTEXITCODE -ne 0) { throw "$($Command -join ' ') exited with $LASTEXITCODE" }
    }

    $apphost = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
}

Describe 'build.ps1 starts the same PowerShell it runs in' {
    It 'runs pwsh.dll through the dotnet host under the .NET tool' {
        Get-PowerShellCommand -ProcessPath '/usr/share/dotnet/dotnet' -PowerShellHome '/tools/powershell' |
            Should -Be @('/usr/share/dotnet/dotnet', (Join-Path '/tools/powershell' 'pwsh.dll'))
        Get-PowerShellCommand -ProcessPath '/usr/share/dotnet/dotnet.exe' -PowerShellHome '/tools/powershell' |
            Should -Be @('/usr/share/dotnet/dotnet.exe', (Join-Path '/tools/powershell' 'pwsh.dll'))
    }

    It 'runs an installed pwsh or an apphost as it is' {
        Get-PowerShellCommand -ProcessPath '/opt/microsoft/powershell/7/pwsh' -PowerShellHome '/opt/microsoft/powershell/7' |
            Should -Be @('/opt/microsoft/powershell/7/pwsh')
        Get-PowerShellCommand -ProcessPath '/opt/powershell/pwsh.exe' -PowerShellHome '/opt/powershell' |
            Should -Be @('/opt/powershell/pwsh.exe')
    }

    It 'gives a command that starts this PowerShell again' {
        $version = Invoke-Child (Get-PowerShellCommand) '"$($PSVersionTable.PSVersion)|$PSHOME"'

        $version | Should -Be "$($PSVersionTable.PSVersion)|$PSHOME"
    }

    It 'gives the apphost itself when the apphost runs it' {
        if (-not (Test-Path $apphost)) { throw "This PowerShell has no apphost at '$apphost' to test with." }

        $script = "$($definition.Extent.Text); (Get-PowerShellCommand) -join '|'"
        $command = Invoke-Child @($apphost) $script

        $command | Should -Be $apphost
        Invoke-Child @($command) '$PSHOME' | Should -Be $PSHOME
    }
}
