using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Model;
using JourneyKit.Testing.Sample;

namespace JourneyKit.Connectors.Tests.Conventions;

/// <summary>
/// Octokit-style convention tests: rules of the public API that reflection can check over every shipped
/// assembly, so a new type or method that breaks one fails the build's tests, not a user's code review.
/// </summary>
[TestClass]
public sealed class PublicApiConventionTests
{
    private static readonly Assembly[] Shipped = [typeof(JourneyMap).Assembly, typeof(ICrmConnector).Assembly, typeof(SampleCrm).Assembly];

    private static IEnumerable<Type> PublicTypes => Shipped.SelectMany(a => a.GetExportedTypes());

    private static IEnumerable<MethodInfo> PublicAsyncMethods => PublicTypes
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .Where(m => !m.IsSpecialName && m.Name.EndsWith("Async", StringComparison.Ordinal))
        .Where(m => m.Name is not ("DisposeAsync" or "StopAsync" or "StartAsync") || m.GetParameters().Length > 0);

    [TestMethod]
    public void PublicAsyncMethods_TakeCancellationTokenLast()
    {
        var offenders = PublicAsyncMethods
            .Where(m => m.Name != "DisposeAsync")
            .Where(m => m.GetParameters() is var p && (p.Length == 0 || p[^1].ParameterType != typeof(CancellationToken)))
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}")
            .Distinct().ToList();
        Assert.AreEqual(0, offenders.Count, "public …Async methods without a CancellationToken as last parameter:\n" + string.Join("\n", offenders));
    }

    [TestMethod]
    public void PublicAsyncMethods_CancellationTokenIsOptional()
    {
        var offenders = PublicAsyncMethods
            .Where(m => m.GetParameters() is var p && p.Length > 0 && p[^1].ParameterType == typeof(CancellationToken) && !p[^1].HasDefaultValue)
            .Where(m => !m.IsAbstract || m.DeclaringType!.IsInterface)
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}")
            .Distinct().ToList();
        Assert.AreEqual(0, offenders.Count, "public …Async methods whose CancellationToken has no default:\n" + string.Join("\n", offenders));
    }

    [TestMethod]
    public void AsyncEnumerableMethods_HaveEnumeratorCancellation()
    {
        var offenders = PublicAsyncMethods
            .Where(m => m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>))
            .Where(m => m.GetCustomAttribute<AsyncIteratorStateMachineAttribute>() is not null)
            .Where(m => m.GetParameters().LastOrDefault() is not { } p || p.GetCustomAttribute<EnumeratorCancellationAttribute>() is null)
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}").Distinct().ToList();
        Assert.AreEqual(0, offenders.Count, "async iterators whose CancellationToken lacks [EnumeratorCancellation]:\n" + string.Join("\n", offenders));
    }

    [TestMethod]
    public void EveryPublicTypeAndMember_IsDocumented()
    {
        var missing = new List<string>();
        foreach (var assembly in Shipped)
        {
            var xmlPath = Path.ChangeExtension(assembly.Location, ".xml");
            Assert.IsTrue(File.Exists(xmlPath), $"{assembly.GetName().Name} ships no XML documentation file ({xmlPath}).");
            var documented = XDocument.Load(xmlPath).Descendants("member")
                .Where(m => m.Element("summary") is not null || m.Element("inheritdoc") is not null)
                .Select(m => (string)m.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
            foreach (var type in assembly.GetExportedTypes())
            {
                if (!documented.Contains("T:" + type.FullName!.Replace('+', '.'))) missing.Add(type.FullName);
            }
        }
        Assert.AreEqual(0, missing.Count, "public types without a <summary>:\n" + string.Join("\n", missing));
    }

    [TestMethod]
    public void ModelRecords_AreImmutable()
    {
        var offenders = typeof(JourneyMap).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "JourneyKit.Model" && t.IsClass)
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true } set && !set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
                .Select(p => $"{t.Name}.{p.Name} has a public setter"))
            .Concat(typeof(JourneyMap).Assembly.GetExportedTypes()
                .Where(t => t.Namespace == "JourneyKit.Model" && t.IsClass)
                .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(List<>))
                    .Select(p => $"{t.Name}.{p.Name} exposes a mutable List<T>")))
            .ToList();
        Assert.AreEqual(0, offenders.Count, string.Join("\n", offenders));
    }

    [TestMethod]
    public void CrmResponseModels_AreImmutable()
    {
        // Response models live in the CRM folders' Models namespaces and in the neutral contracts.
        var responseTypes = typeof(ICrmConnector).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsAbstract && (t.Namespace?.EndsWith(".Models", StringComparison.Ordinal) == true || t.Namespace == "JourneyKit.Connectors.Abstractions")
                && !typeof(Exception).IsAssignableFrom(t) && !t.Name.EndsWith("Options", StringComparison.Ordinal) && !t.Name.EndsWith("Request", StringComparison.Ordinal))
            .ToList();
        Assert.IsTrue(responseTypes.Count >= 3, "found the neutral records at least");
        var offenders = responseTypes
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true } set && !set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
                .Select(p => $"{t.FullName}.{p.Name}"))
            .ToList();
        Assert.AreEqual(0, offenders.Count, "response models with public setters (use init):\n" + string.Join("\n", offenders));
    }

    [TestMethod]
    public void Clients_HaveVirtualServiceMethodsAndAProtectedConstructor()
    {
        var clients = PublicTypes.Where(t => t.IsClass && t.Name.EndsWith("Client", StringComparison.Ordinal) && !t.IsAbstract).ToList();
        var offenders = new List<string>();
        foreach (var client in clients)
        {
            if (client.GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes) is not { IsFamily: true })
                offenders.Add($"{client.FullName} has no protected parameterless constructor (for mocking)");
            offenders.AddRange(client.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal) && !m.IsVirtual && m.Name != "DisposeAsync")
                .Select(m => $"{client.FullName}.{m.Name} is not virtual"));
        }
        Assert.AreEqual(0, offenders.Count, string.Join("\n", offenders));
    }
}
