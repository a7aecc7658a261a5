namespace JourneyKit.Dynamics.Tests;

/// <summary>Reads the test data copied next to the test assembly.</summary>
internal static class TestFiles
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static string Read(string name) => File.ReadAllText(PathOf(name));
}
