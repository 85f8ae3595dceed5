using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Seedance.Commands.Cmdlets;

namespace Seedance.Tests.Support;

/// <summary>
/// A real PowerShell runspace in the test process (Microsoft.PowerShell.SDK) with the Seedance cmdlets imported,
/// working in a temp folder of its own. Tests drive the cmdlets as a user does, through parameter binding and the
/// pipeline, and see the objects and error records themselves rather than a child pwsh's text.
/// </summary>
internal sealed class PowerShellRunspace : IDisposable
{
    private readonly Runspace _runspace;

    public PowerShellRunspace()
    {
        Folder = new TempFolder();
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(new[] { typeof(NewSeedanceVideoCommand).Assembly.Location });
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
        Run($"Set-Location -LiteralPath '{Folder.Path}'");
    }

    public TempFolder Folder { get; }

    /// <summary>Runs a script; what it emitted, and the error records it wrote without stopping.</summary>
    public (Collection<PSObject> Output, IReadOnlyList<ErrorRecord> Errors) Run(string script)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        var output = shell.Invoke();
        return (output, shell.Streams.Error.ToList());
    }

    /// <summary>
    /// Runs a command that must stop with a terminating error, and returns that error record. Only a terminating
    /// error reaches catch (without -ErrorAction Stop), so a non-terminating one fails the assertion.
    /// </summary>
    public ErrorRecord Fail(string setup, string command)
    {
        var (output, _) = Run($"{setup}; try {{ {command} }} catch {{ $_ }}");
        return Assert.IsType<ErrorRecord>(Assert.Single(output).BaseObject);
    }

    /// <summary>Starts a script and returns the running pipeline, for tests that stop it.</summary>
    public (PowerShell Shell, IAsyncResult Running) Start(string script)
    {
        var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        return (shell, shell.BeginInvoke());
    }

    public void Dispose()
    {
        _runspace.Dispose();
        Folder.Dispose();
    }
}

/// <summary>
/// Runspace tests share the process environment (the module reads SEEDANCE_JOURNAL from it), so they run alone,
/// with a journal of their own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PowerShellRunspaceCollection : ICollectionFixture<PowerShellRunspaceCollection.IsolatedJournal>
{
    public const string Name = "PowerShell runspace";

    public sealed class IsolatedJournal : IDisposable
    {
        private readonly string? _previous = Environment.GetEnvironmentVariable("SEEDANCE_JOURNAL");
        private readonly TempFolder _folder = new();

        public IsolatedJournal() => Environment.SetEnvironmentVariable("SEEDANCE_JOURNAL", _folder.File("journal.jsonl"));

        public void Dispose()
        {
            Environment.SetEnvironmentVariable("SEEDANCE_JOURNAL", _previous);
            _folder.Dispose();
        }
    }
}
