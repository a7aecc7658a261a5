namespace JourneyKit.Cli.Demo;

/// <summary>What the demo runs on.</summary>
internal sealed record DemoOptions(string OutputDirectory, int Contacts, int Seed);
