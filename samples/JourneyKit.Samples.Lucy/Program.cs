// Builds Lucy's journey map in C# and renders it as a self-contained HTML page.
//   dotnet run --project samples/JourneyKit.Samples.Lucy -- [output folder or .html file] [en|fr (the page labels)]
using JourneyKit.Rendering;
using JourneyKit.Samples.Lucy;

var map = LucyMap.Build(TimeProvider.System);

string target = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
string path = Path.GetFullPath(target.EndsWith(".html", StringComparison.OrdinalIgnoreCase)
    ? target
    : Path.Combine(target, "lucy-map.html"));
Directory.CreateDirectory(Path.GetDirectoryName(path)!);

// The measured figures would come from JourneyKit's analytics over real journey events; typed in here.
string language = args.Length > 1 ? args[1] : "en";
var renderer = new HtmlMapRenderer(new HtmlRenderOptions { Language = language, Insights = LucyMap.LastQuarter() });
await using (var writer = new StreamWriter(path))
{
    await renderer.RenderAsync(map, writer);
}

Console.WriteLine(path);
