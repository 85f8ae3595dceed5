using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Seedance.Commands.Runtime;

/// <summary>
/// Loading and unloading the module. Windows PowerShell 5.1 binds dependencies by exact version and has no binding
/// redirects for a module, so the engine's dependencies (System.Text.Json, Polly.Core, System.Memory...) are resolved
/// here from the module's own folder whatever version is asked for. PowerShell 7 resolves them next to the module
/// itself. Removing the module stops what the runspace's state runs.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;

    private static bool OnNetFramework => RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    public void OnImport()
    {
        if (OnNetFramework)
        {
            AppDomain.CurrentDomain.AssemblyResolve += ResolveFromModuleFolder;
        }
    }

    public void OnRemove(PSModuleInfo module)
    {
        // Remove-Module leaves nothing running behind it: no emulator holding its port, no watcher polling.
        ModuleState.ReleaseCurrent();
        if (OnNetFramework)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromModuleFolder;
        }
    }

    private static Assembly? ResolveFromModuleFolder(object? sender, ResolveEventArgs args)
    {
        var candidate = Path.Combine(ModuleFolder, new AssemblyName(args.Name).Name + ".dll");
        return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
    }
}
