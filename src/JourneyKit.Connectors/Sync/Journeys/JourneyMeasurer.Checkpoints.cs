using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using JourneyKit.Analytics;
using JourneyKit.Connectors.State;
using JourneyKit.Model;

namespace JourneyKit.Connectors.Sync.Journeys;

// Checkpoints: each persona's derived events go to a file of their own next to the state store; once the persona's
// history is read the file is closed and the persona marked done. A resumed run replays the done personas' files, in
// the map's order, and reads the CRM for the rest, so the analyzer sees the same stream as an uninterrupted run.
public sealed partial class JourneyMeasurer
{
    /// <summary>What a checkpointed run took from the checkpoint of an interrupted one.</summary>
    private sealed class MeasureCheckpoint
    {
        public int ResumedPersonas { get; set; }

        public long ResumedEvents { get; set; }
    }

    private async IAsyncEnumerable<JourneyEvent> CheckpointedAsync(JourneyMap map, CrmJourneyMapping mapping, CrmJourneyReader reader, CrmJourneyReadOptions read,
        SyncStateStore state, TimeProvider time, MeasureCheckpoint checkpoint, IProgress<SyncProgress>? progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var members = read.Members ?? await reader.ReadMembersAsync(map, cancellationToken).ConfigureAwait(false);
        var runKey = Invariant($"measure:{map.Id}:v{map.Version}:{Crm.Value}:{read.Since?.ToString("O", CultureInfo.InvariantCulture)}:{read.Until?.ToString("O", CultureInfo.InvariantCulture)}:{read.StageHistory}");
        bool resumed = await state.BeginRunAsync("measure", runKey, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var folder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(state.Path)) ?? ".", "measure-" + StepHash.Of(runKey).ToLowerInvariant());
        if (!resumed && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);

        bool replaying = resumed;
        for (var i = 0; i < members.Count; i++)
        {
            var (persona, ids) = members[i];
            var step = "measured:" + persona.Value;
            var idsHash = StepHash.Of(string.Join('\n', ids));
            var file = Path.Combine(folder, Invariant($"{i:D4}.csv"));
            // Only a prefix of done personas is replayed: the stream keeps the map's persona order.
            replaying = replaying && File.Exists(file) && await state.IsStepDoneAsync(runKey, step, idsHash, cancellationToken).ConfigureAwait(false);
            if (replaying)
            {
                checkpoint.ResumedPersonas++;
                progress?.Report(new SyncProgress("journeys", persona.Value, ids.Count, ids.Count));
                await foreach (var e in JourneyEventCsv.ReadAsync(file, cancellationToken).ConfigureAwait(false))
                {
                    checkpoint.ResumedEvents++;
                    yield return e;
                }
                continue;
            }

            var writer = new StreamWriter(file, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
            await using (writer.ConfigureAwait(false))
            {
                await writer.WriteLineAsync(JourneyEventCsv.HeaderWithRecord.AsMemory(), cancellationToken).ConfigureAwait(false);
                var one = read with { Members = [(persona, ids)] };
                await foreach (var e in reader.ReadAsync(map, mapping, one, progress, cancellationToken).ConfigureAwait(false))
                {
                    await writer.WriteLineAsync(JourneyEventCsv.FormatLine(e, withRecord: true).AsMemory(), cancellationToken).ConfigureAwait(false);
                    yield return e;
                }
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            await state.MarkStepDoneAsync(runKey, step, idsHash, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        await state.CompleteRunAsync(runKey, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        Directory.Delete(folder, recursive: true);
    }
}
