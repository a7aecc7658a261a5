using JourneyKit.Model;
using JourneyKit.Validation;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Serialization;

/// <summary>What reading a text produced: the map (null when it could not be built), the problems, and the parsed tree for line look-ups.</summary>
internal sealed record JsonReadOutcome(JourneyMap? Map, IReadOnlyList<ValidationProblem> Problems, JToken? Root);
