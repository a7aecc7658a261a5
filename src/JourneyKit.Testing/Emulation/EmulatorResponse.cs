using System.Globalization;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Emulation;

/// <summary>The parts of answering that both emulators do alike: faults on a body, a dropped connection, <c>Retry-After</c>.</summary>
internal static class EmulatorResponse
{
    /// <summary>A <c>Retry-After</c> value in seconds, with up to three decimals (Dataverse sends fractions).</summary>
    public static string Seconds(TimeSpan wait) => wait.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>
    /// Applies a <see cref="EmulatorFaultKind.NullProperty"/> or <see cref="EmulatorFaultKind.MissingProperty"/> fault to a
    /// copy of the body's records; other faults leave the body as it is.
    /// </summary>
    /// <param name="body">The answer.</param>
    /// <param name="fault">The fault, if any.</param>
    /// <param name="records">Finds the records (property bags) of an answer.</param>
    public static JToken ApplyPropertyFault(JToken body, EmulatorFault? fault, Func<JToken, IEnumerable<JObject>> records)
    {
        if (fault is not { Kind: EmulatorFaultKind.NullProperty or EmulatorFaultKind.MissingProperty, PropertyName: { } name }) return body;
        var copy = body.DeepClone();
        foreach (var record in records(copy).ToList())
        {
            if (fault.Kind == EmulatorFaultKind.NullProperty) record[name] = JValue.CreateNull();
            else record.Remove(name);
        }
        return copy;
    }

    /// <summary>Writes a body, or, for a dropped connection, its first half and then aborts the connection.</summary>
    public static async Task WriteBodyAsync(HttpContext http, byte[] bytes, bool drop, CancellationToken cancellationToken)
    {
        var response = http.Response;
        response.ContentLength = bytes.Length;
        if (drop)
        {
            await response.Body.WriteAsync(bytes.AsMemory(0, Math.Max(1, bytes.Length / 2)), cancellationToken).ConfigureAwait(false);
            await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            http.Abort();
            return;
        }
        await response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }
}
