using System;
using System.Management.Automation;
using System.Reflection;

namespace Seedance.Commands.Runtime;

/// <summary>
/// PowerShell's table of type names (the one [psobject] and [pscustomobject] come from). It is not public API, but it
/// is the documented way a module gives scripts types PowerShell would not find by itself; an entry is the type's
/// full name, so it reads exactly as the type literal would.
/// </summary>
internal static class TypeAccelerators
{
    private static readonly Type? Table = typeof(PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators");

    public static void Add(Type type) =>
        Table?.GetMethod("Add", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), typeof(Type) }, null)?.Invoke(null, new object[] { type.FullName!, type });

    public static void Remove(Type type) =>
        Table?.GetMethod("Remove", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string) }, null)?.Invoke(null, new object[] { type.FullName! });
}
