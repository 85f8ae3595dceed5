using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Seedance.Commands.Runtime;

/// <summary>
/// Loading and unloading the module. The engine and its dependencies are found in the module's dependencies folder,
/// never in the process's shared ones: PowerShell 7 loads them into a private load context
/// (<see cref="IsolatedDependencies"/>); Windows PowerShell 5.1 has none and binds by exact version with no binding
/// redirects for a module, so there they are resolved from that folder whatever version is asked for. Removing the
/// module stops what the runspace's state runs.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    internal static readonly string DependencyFolder = Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!, "dependencies");

    private static readonly object Gate = new();
    private static bool _registered;

    private static bool OnNetFramework => RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    /// <summary>
    /// Called by the loader script before PowerShell reads the cmdlets, since reading them needs the engine's types;
    /// PowerShell's own call at import then finds the resolver in place. Once per import, however often called.
    /// </summary>
    public static void RegisterResolver()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            if (OnNetFramework)
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencyFolder;
            }
            else
            {
                IsolatedDependencies.Register();
            }

            _registered = true;
        }
    }

    public void OnImport() => RegisterResolver();

    public void OnRemove(PSModuleInfo module)
    {
        // Remove-Module leaves nothing running behind it: no emulator holding its port, no watcher polling.
        ModuleState.ReleaseCurrent();
        lock (Gate)
        {
            if (!_registered)
            {
                return;
            }

            if (OnNetFramework)
            {
                AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromDependencyFolder;
            }
            else
            {
                IsolatedDependencies.Unregister();
            }

            _registered = false;
        }
    }

    private static Assembly? ResolveFromDependencyFolder(object? sender, ResolveEventArgs args)
    {
        var candidate = Path.Combine(DependencyFolder, new AssemblyName(args.Name).Name + ".dll");
        return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
    }
}
