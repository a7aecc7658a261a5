using System.Diagnostics;
using System.Globalization;
using JourneyKit.Model;

namespace JourneyKit.Benchmarks;

/// <summary>An emulator running in a child process of this program (<c>serve</c>, see <see cref="EmulatorServer"/>).</summary>
internal sealed class ServedEmulator : IDisposable
{
    private readonly Process _process;

    private ServedEmulator(Process process, Uri baseUri, string token, IReadOnlyList<ServedSegment> segments)
    {
        _process = process;
        BaseUri = baseUri;
        Token = token;
        Segments = segments;
    }

    public Uri BaseUri { get; }

    public string Token { get; }

    public IReadOnlyList<ServedSegment> Segments { get; }

    /// <summary>Starts <c>serve CRM ARGS</c> in a child process and waits until it listens.</summary>
    public static ServedEmulator Start(CrmKind crm, IEnumerable<string> args)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark's own path is unknown.");
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        // Under `dotnet X.dll` the process is the host: run the same assembly again.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(ServedEmulator).Assembly.Location);
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(crm == CrmKind.HubSpot ? "hubspot" : "dataverse");
        foreach (var a in args) start.ArgumentList.Add(a);
        var watch = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("The emulator process did not start.");
        var segments = new List<ServedSegment>();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            var parts = line.Split(' ');
            if (parts[0] == "segment")
            {
                segments.Add(new ServedSegment(parts[1], parts[2], Guid.Parse(parts[3]), int.Parse(parts[4], CultureInfo.InvariantCulture)));
            }
            else if (parts[0] == "ready")
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{crm} emulator (process {process.Id}) ready in {watch.Elapsed.TotalSeconds:0.0} s: {segments.Sum(s => s.Members):N0} members in {segments.Count} segments"));
                return new ServedEmulator(process, new Uri(parts[1]), parts[2], segments);
            }
        }
        process.WaitForExit();
        throw new InvalidOperationException($"The emulator process ended (exit code {process.ExitCode}) before it was ready.");
    }

    /// <summary>The requests the emulator has answered so far.</summary>
    public long Requests()
    {
        _process.StandardInput.WriteLine("requests");
        var line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The emulator process ended.");
        return long.Parse(line["requests ".Length..], CultureInfo.InvariantCulture);
    }

    /// <summary>Closes the emulator's input, which stops it.</summary>
    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30))) _process.Kill();
        _process.Dispose();
    }
}

/// <summary>A persona's segment as the emulator process announced it.</summary>
internal sealed record ServedSegment(string Archetype, string Id, Guid Guid, int Members);
