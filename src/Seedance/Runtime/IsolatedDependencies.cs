using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace Seedance.Commands.Runtime;

/// <summary>
/// On PowerShell 7 the engine, the emulator and every library they use (Polly, System.Text.Json...) load into a
/// context of their own, from the module's dependencies folder; only the cmdlet assembly is in the default context.
/// Another module's copy of the same library, loaded before Seedance or after it, then never meets ours.
/// </summary>
/// <remarks>
/// Kept apart from <see cref="ModuleInitializer"/> so that Windows PowerShell, which has no load contexts, never
/// compiles a method that names one.
/// </remarks>
internal static class IsolatedDependencies
{
    private static readonly DependencyLoadContext Context = new(ModuleInitializer.DependencyFolder);

    /// <summary>The assemblies the cmdlets name; what those need is then found by the private context itself.</summary>
    private static readonly string[] HandedOver = { "Seedance.Engine", "Seedance.Emulator" };

    public static void Register()
    {
        AssemblyLoadContext.Default.Resolving += HandOver;
        foreach (var type in PublicTypes())
        {
            TypeAccelerators.Add(type);
        }
    }

    public static void Unregister()
    {
        AssemblyLoadContext.Default.Resolving -= HandOver;
        foreach (var type in PublicTypes())
        {
            TypeAccelerators.Remove(type);
        }
    }

    private static Assembly? HandOver(AssemblyLoadContext defaultContext, AssemblyName name) =>
        Array.IndexOf(HandedOver, name.Name) >= 0 ? Context.LoadFromAssemblyName(name) : null;

    /// <summary>
    /// PowerShell resolves a type literal only among the default context's assemblies, so scripts that name the
    /// module's types ([Seedance.VideoTask], [Seedance.Emulator.Media.SampleImage]) are given them by full name.
    /// </summary>
    private static IEnumerable<Type> PublicTypes() => HandedOver
        .SelectMany(name => Context.LoadFromAssemblyName(new AssemblyName(name)).GetExportedTypes())
        .Where(type => !type.IsNested && !type.IsGenericTypeDefinition);

    private sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private readonly string _folder;

        public DependencyLoadContext(string folder) => _folder = folder;

        /// <summary>The module's own copy when it ships one; anything else (the framework itself) from the default context.</summary>
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var candidate = Path.Combine(_folder, assemblyName.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }
    }
}
