using JourneyKit.Analytics;
using JourneyKit.Model;
using static JourneyKit.Core.Tests.Analytics.AnalyticsSamples;

namespace JourneyKit.Core.Tests.Analytics;

[TestClass]
public sealed class JourneyAnalyzerTests
{
    private const double Error = LogHistogram.RelativeAccuracy + 1e-9;

    private static JourneyAnalysis AnalyzeSample(JourneyAnalyzerOptions? options = null) =>
        new JourneyAnalyzer(Map(), options).Analyze(Events());

    private static void AssertStage(FunnelStage stage, string id, long entered, long? converted, long? dropped)
    {
        Assert.AreEqual(id, stage.StageId.Value);
        Assert.AreEqual(entered, stage.Entered, $"entered {id}");
        Assert.AreEqual(converted, stage.Converted, $"converted {id}");
        Assert.AreEqual(dropped, stage.DroppedOff, $"dropped {id}");
    }

    private static void AssertClose(TimeSpan expected, TimeSpan? actual)
    {
        Assert.IsNotNull(actual);
        double relative = Math.Abs(actual.Value.TotalSeconds - expected.TotalSeconds) / expected.TotalSeconds;
        Assert.IsLessThanOrEqualTo(Error, relative, $"expected {expected} ±1 %, got {actual}");
    }

    [TestMethod]
    public void Analyze_SmallStream_FunnelPerPersonaHasExactCounts()
    {
        var analysis = AnalyzeSample();

        Assert.AreEqual(12, analysis.Events);
        Assert.AreEqual(6, analysis.Journeys);
        Assert.AreEqual(6, analysis.CustomersInFlight);
        var p1 = analysis.FunnelOf(P1)!;
        Assert.AreEqual(4, p1.Journeys);
        AssertStage(p1.Stages[0], "a", entered: 4, converted: 3, dropped: 1);
        AssertStage(p1.Stages[1], "b", entered: 3, converted: 1, dropped: 2);
        AssertStage(p1.Stages[2], "c", entered: 1, converted: null, dropped: null);
        Assert.AreEqual(0.75, p1.Stages[0].ConversionRate!.Value, 1e-12);
        Assert.AreEqual(0.25, p1.Stages[0].DropOffRate!.Value, 1e-12);
        Assert.AreEqual(2.0 / 3, p1.Stages[1].DropOffRate!.Value, 1e-12);
        Assert.IsNull(p1.Stages[2].ConversionRate);

        var p2 = analysis.FunnelOf(P2)!;
        AssertStage(p2.Stages[0], "a", entered: 2, converted: 1, dropped: 1);
        AssertStage(p2.Stages[1], "b", entered: 0, converted: 0, dropped: 0); // c4 skipped b
        AssertStage(p2.Stages[2], "c", entered: 1, converted: null, dropped: null);
        Assert.AreEqual(0, p2.Stages[1].ConversionRate!.Value);

        AssertStage(analysis.OverallFunnel[0], "a", 6, 4, 2);
        AssertStage(analysis.OverallFunnel[1], "b", 3, 1, 2);
        AssertStage(analysis.OverallFunnel[2], "c", 2, null, null);
    }

    [TestMethod]
    public void Analyze_SmallStream_TimeInStageMatchesHandComputedStays()
    {
        var analysis = AnalyzeSample();

        // p1 leaves a after 25 h (c1), 48 h (c2), 24 h (c6): sorted 24, 25, 48; ranks ⌊q(n−1)⌋ → median 25 h, p90 25 h.
        var p1a = analysis.FunnelOf(P1)!.Stages[0].TimeInStage;
        Assert.AreEqual(3, p1a.Count);
        AssertClose(TimeSpan.FromHours(25), p1a.Median);
        AssertClose(TimeSpan.FromHours(25), p1a.P90);
        Assert.AreEqual(TimeSpan.FromHours(97.0 / 3).TotalSeconds, p1a.Mean!.Value.TotalSeconds, 1e-3);
        // Nobody left the last stage, and nobody of p2 went through b.
        Assert.AreEqual(StageTime.None, analysis.FunnelOf(P1)!.Stages[2].TimeInStage);
        Assert.AreEqual(0, analysis.FunnelOf(P2)!.Stages[1].TimeInStage.Count);

        // All personas in a: 24, 25, 48, 72 → median (rank 1) 25 h, p90 (rank 2) 48 h, mean 42.25 h.
        var a = analysis.TimeInStage[0];
        Assert.AreEqual("a", a.StageId.Value);
        Assert.AreEqual(4, a.Time.Count);
        AssertClose(TimeSpan.FromHours(25), a.Time.Median);
        AssertClose(TimeSpan.FromHours(48), a.Time.P90);
        Assert.AreEqual(42.25 * 3600, a.Time.Mean!.Value.TotalSeconds, 1e-3);
        Assert.AreEqual(LogHistogram.RelativeAccuracy, analysis.TimeInStageRelativeError);
    }

    [TestMethod]
    public void Analyze_ManyStays_MedianAndP90WithinDocumentedErrorOfExact()
    {
        var random = new Random(7);
        var analyzer = new JourneyAnalyzer(Map());
        var stays = new List<double>();
        for (int i = 0; i < 5000; i++)
        {
            // Log-normal stays from minutes to weeks.
            double hours = Math.Exp(random.NextDouble() * 8 - 3);
            stays.Add(TimeSpan.FromHours(hours).TotalSeconds);
            var start = T0.AddMinutes(i);
            analyzer.Add(JourneyEvent.AtTouchpoint($"x{i}", P1, new TouchpointId("a1"), start));
            analyzer.Add(JourneyEvent.AtTouchpoint($"x{i}", P1, new TouchpointId("b1"), start.AddHours(hours)));
        }
        var time = analyzer.GetAnalysis().FunnelOf(P1)!.Stages[0].TimeInStage;

        stays.Sort();
        Assert.AreEqual(5000, time.Count);
        AssertClose(TimeSpan.FromSeconds(stays[(int)Math.Floor(0.5 * 4999)]), time.Median);
        AssertClose(TimeSpan.FromSeconds(stays[(int)Math.Floor(0.9 * 4999)]), time.P90);
        Assert.AreEqual(stays.Average(), time.Mean!.Value.TotalSeconds, 1e-3 * stays.Average());
    }

    [TestMethod]
    public void Analyze_SmallStream_BottlenecksRankedByDropOffAndP90()
    {
        var analysis = AnalyzeSample();

        // Scores with weights 0.5/0.5 and longest p90 72 h: p2·a = 0.25 + 0.5 = 0.75; p1·b = 0.333 + 0.5·24/72 = 0.5;
        // p1·a = 0.125 + 0.5·25/72 ≈ 0.299. p2·b (nobody entered) and the last stage are not ranked.
        var ranked = analysis.Bottlenecks.Select(b => $"{b.PersonaId}/{b.StageId}").ToArray();
        CollectionAssert.AreEqual(new[] { "p2/a", "p1/b", "p1/a" }, ranked);
        Assert.AreEqual(0.75, analysis.Bottlenecks[0].Score, 1e-9);
        Assert.AreEqual(0.5, analysis.Bottlenecks[1].Score, 0.01);
        Assert.AreEqual(2, analysis.Bottlenecks[1].DroppedOff);
        AssertClose(TimeSpan.FromHours(24), analysis.Bottlenecks[1].P90TimeInStage);
    }

    [TestMethod]
    public void Analyze_DropOffOnlyWeights_RankingFollowsDropOffRate()
    {
        var analysis = AnalyzeSample(new JourneyAnalyzerOptions { BottleneckTimeWeight = 0, BottleneckDropOffWeight = 1 });

        CollectionAssert.AreEqual(
            new[] { "p1/b", "p2/a", "p1/a" },
            analysis.Bottlenecks.Select(b => $"{b.PersonaId}/{b.StageId}").ToArray());
        Assert.AreEqual(2.0 / 3, analysis.Bottlenecks[0].Score, 1e-12);
    }

    [TestMethod]
    public void Analyze_MinimumEntered_SmallStagesLeftOutOfRanking()
    {
        var analysis = AnalyzeSample(new JourneyAnalyzerOptions { BottleneckMinimumEntered = 3 });

        // p2·a had 2 customers: too few to rank. The longest p90 is now p1·a's 25 h.
        CollectionAssert.AreEqual(new[] { "p1/b", "p1/a" }, analysis.Bottlenecks.Select(b => $"{b.PersonaId}/{b.StageId}").ToArray());
        Assert.AreEqual(0.125 + 0.5, analysis.Bottlenecks[1].Score, 1e-9);
    }

    [TestMethod]
    public void Analyze_SmallStream_ScorecardLowestMeanFirstWithCriticalFlag()
    {
        var analysis = AnalyzeSample();

        // a2: [1] → 1; b1: [2] → 2; a1: [4, 2] → 3; c1: [5] → 5.
        CollectionAssert.AreEqual(new[] { "a2", "b1", "a1", "c1" }, analysis.Touchpoints.Select(t => t.TouchpointId.Value).ToArray());
        var a1 = analysis.Touchpoints[2];
        Assert.AreEqual(4, a1.Volume);
        Assert.AreEqual(2, a1.ScoreCount);
        Assert.AreEqual(3.0, a1.MeanSatisfaction);
        CollectionAssert.AreEqual(new long[] { 0, 1, 0, 1, 0 }, a1.ScoreCounts.ToArray());
        Assert.IsFalse(a1.IsCritical, "3.0 is not below the 3.0 threshold");
        Assert.IsTrue(analysis.Touchpoints[0].IsCritical);
        Assert.IsTrue(analysis.Touchpoints[1].IsCritical);
        Assert.AreEqual("b", analysis.Touchpoints[1].StageId.Value);
        Assert.AreEqual(new Satisfaction(3.0, 2), a1.ToSatisfaction());
    }

    [TestMethod]
    public void Analyze_TouchpointWithoutScores_ComesAfterScoredOnes()
    {
        var map = Map() with { Touchpoints = [.. Map().Touchpoints, new Touchpoint { Id = new TouchpointId("quiet"), Name = "Q", StageId = new StageId("a") }] };
        var analysis = new JourneyAnalyzer(map).Analyze([Tp("z", P1, "quiet", 0), Tp("z", P1, "c1", 1, 5)]);

        Assert.AreEqual("c1", analysis.Touchpoints[0].TouchpointId.Value);
        Assert.AreEqual("quiet", analysis.Touchpoints[1].TouchpointId.Value);
        Assert.IsNull(analysis.Touchpoints[1].MeanSatisfaction);
        Assert.IsFalse(analysis.Touchpoints[1].IsCritical);
        Assert.IsNull(analysis.Touchpoints[1].ToSatisfaction());
    }

    [TestMethod]
    public void Analyze_SmallStream_AveragePathFollowsMostFrequentSteps()
    {
        var analysis = AnalyzeSample();

        // p1: start→a1 ×4; a1→b1 ×2 (c2, c6) beats a1→a2 ×1; b1→c1 ×1.
        var p1 = analysis.PathOf(P1)!;
        Assert.AreEqual(4, p1.Journeys);
        CollectionAssert.AreEqual(new[] { "a1", "b1", "c1" }, p1.Steps.Select(s => s.TouchpointId!.Value.Value).ToArray());
        CollectionAssert.AreEqual(new long[] { 4, 2, 1 }, p1.Steps.Select(s => s.Count).ToArray());
        Assert.AreEqual(0.5, p1.Steps[1].Share, 1e-12);
        Assert.AreEqual("b", p1.Steps[1].StageId.Value);

        // p2: a stage-level step (c4) ties with a2 (c5); the tie goes to the stage-level step, then c1.
        var p2 = analysis.PathOf(P2)!;
        Assert.AreEqual(2, p2.Steps.Count);
        Assert.IsNull(p2.Steps[0].TouchpointId);
        Assert.AreEqual("a", p2.Steps[0].StageId.Value);
        Assert.AreEqual("c1", p2.Steps[1].TouchpointId!.Value.Value);
    }

    /// <summary>
    /// A map of up to 255 stages and touchpoints counts its path transitions in an array, a larger one in a dictionary:
    /// both give the same paths. The second map is the first with 300 touchpoints more that nobody meets.
    /// </summary>
    [TestMethod]
    public void Analyze_MapTooLargeForTheTransitionArray_SamePathsAsASmallMap()
    {
        var small = Map();
        var large = small with
        {
            Touchpoints = [.. small.Touchpoints, .. Enumerable.Range(0, 300).Select(i => new Touchpoint { Id = new TouchpointId($"x{i}"), Name = $"X{i}", StageId = new StageId("c") })],
        };
        Assert.IsGreaterThan(AnalyzerShard.MaxDenseTransitions, (large.Touchpoints.Count + large.Stages.Count + 1) * (large.Touchpoints.Count + large.Stages.Count + 1));

        var expected = new JourneyAnalyzer(small).Analyze(Events());
        var actual = new JourneyAnalyzer(large).Analyze(Events());

        foreach (var persona in new[] { P1, P2 })
        {
            var steps = expected.PathOf(persona)!.Steps;
            Assert.IsNotEmpty(steps);
            CollectionAssert.AreEqual(
                steps.Select(s => (s.StageId.Value, s.TouchpointId?.Value, s.Count)).ToArray(),
                actual.PathOf(persona)!.Steps.Select(s => (s.StageId.Value, s.TouchpointId?.Value, s.Count)).ToArray(),
                $"the path of {persona}");
        }
    }

    /// <summary>The array's 32-bit counts carry each wrap past 2³² into the dictionary, so a count stays exact.</summary>
    [TestMethod]
    public void Add_TransitionCountPast32Bits_StaysExact()
    {
        var shard = new AnalyzerShard(stages: 2, touchpointStage: [0, 1], timeoutTicks: long.MaxValue, maxInFlight: int.MaxValue);
        void Enter(string customer)
        {
            var id = System.Text.Encoding.UTF8.GetBytes(customer);
            shard.Add(id, AnalyzerShard.Hash(id), persona: 0, stage: 0, touchpoint: 0, ticks: 1, satisfaction: 0, watermark: 1);
        }

        Enter("first");
        var persona = shard.Personas[0]!;
        const long start = 1; // the key of "no step yet" → touchpoint 0
        Assert.AreEqual(1u, persona.DenseTransitions![start]);
        persona.DenseTransitions[start] = uint.MaxValue;
        Enter("second");
        Enter("third");

        Assert.AreEqual((1L << 32) + 1, persona.TransitionCounts().Single(t => t.Key == start).Value);
    }

    [TestMethod]
    public void Add_RepeatedTouchpointAndLoop_PathStaysFiniteAndSkipsRepeats()
    {
        var analyzer = new JourneyAnalyzer(Map());
        analyzer.Analyze([Tp("z", P1, "a1", 0), Tp("z", P1, "a1", 1), Tp("z", P1, "a2", 2), Tp("z", P1, "a1", 3), Tp("z", P1, "a2", 4)]);

        var path = analyzer.GetAnalysis().PathOf(P1)!;
        CollectionAssert.AreEqual(new[] { "a1", "a2" }, path.Steps.Select(s => s.TouchpointId!.Value.Value).ToArray());
        Assert.AreEqual(2, path.Steps[1].Count, "a1→a2 taken twice by the looping customer");
        Assert.AreEqual(1, analyzer.GetAnalysis().FunnelOf(P1)!.Stages[0].Entered, "one customer enters a once");
    }

    [TestMethod]
    public void Add_EventInEarlierStage_DoesNotMoveFunnelBack()
    {
        var analysis = new JourneyAnalyzer(Map()).Analyze([Tp("z", P1, "a1", 0), Tp("z", P1, "b1", 10), Tp("z", P1, "a2", 20, 4), Tp("z", P1, "c1", 30)]);

        var funnel = analysis.FunnelOf(P1)!;
        Assert.AreEqual(1, funnel.Stages[0].Entered);
        Assert.AreEqual(1, funnel.Stages[1].Converted);
        // Time in b is from entering b (10 h) to entering c (30 h), the visit back to a does not reset it.
        AssertClose(TimeSpan.FromHours(20), funnel.Stages[1].TimeInStage.Median);
        Assert.AreEqual(1, analysis.Touchpoints.Single(t => t.TouchpointId.Value == "a2").ScoreCount);
    }

    [TestMethod]
    public void Add_UnknownOrMismatchedIds_SkippedAndReported()
    {
        var analyzer = new JourneyAnalyzer(Map());
        analyzer.Add(Tp("z", P1, "nope", 0));
        analyzer.Add(St("z", P1, "zzz", 0));
        analyzer.Add(new JourneyEvent("z", P1, new StageId("c"), new TouchpointId("a1"), T0));
        analyzer.Add(default);
        analyzer.Add(Tp("z", P1, "a1", 1));

        var analysis = analyzer.GetAnalysis();
        Assert.AreEqual(5, analysis.Events);
        Assert.AreEqual(4, analysis.SkippedEvents);
        Assert.AreEqual(1, analysis.FunnelOf(P1)!.Stages[0].Entered);
        StringAssert.Contains(analysis.SkipReasons[0], "unknown touchpoint 'nope'");
        StringAssert.Contains(analysis.SkipReasons[1], "unknown stage 'zzz'");
        StringAssert.Contains(analysis.SkipReasons[2], "touchpoint 'a1' is in stage 'a', not 'c'");
        Assert.AreEqual(1, analyzer.InFlightCustomers, "skipped events create no customer state");
    }

    [TestMethod]
    public async Task Add_CustomerIdOver65534Bytes_SkippedWithItsLengthInStreamAndFile()
    {
        var longId = new string('é', 40_000); // 80,000 UTF-8 bytes
        var analyzer = new JourneyAnalyzer(Map());
        analyzer.Add(Tp(longId, P1, "a1", 0));
        analyzer.Add(Tp("z", P1, "a1", 1));
        var analysis = analyzer.GetAnalysis();
        Assert.AreEqual(1, analysis.SkippedEvents);
        Assert.AreEqual(1, analysis.Journeys);
        StringAssert.Contains(analysis.SkipReasons[0], "event 1: a customer id of 80,000 bytes (at most 65,534)");

        var path = Path.Combine(Path.GetTempPath(), $"long-id-{Guid.NewGuid():N}.csv");
        try
        {
            await JourneyEventCsv.WriteAsync(path, new[] { Tp("z", P1, "a1", 0), Tp(longId, P1, "a1", 1) });
            var fromFile = await new JourneyAnalyzer(Map()).AnalyzeFileAsync(path);
            Assert.AreEqual(1, fromFile.SkippedEvents);
            Assert.AreEqual(1, fromFile.Journeys);
            StringAssert.Contains(fromFile.SkipReasons[0], "line 3: a customer id of 80,000 bytes");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Add_MatchingStageAndTouchpoint_Accepted()
    {
        var analysis = new JourneyAnalyzer(Map()).Analyze([new JourneyEvent("z", P1, new StageId("a"), new TouchpointId("a1"), T0)]);

        Assert.AreEqual(0, analysis.SkippedEvents);
        Assert.AreEqual(1, analysis.Touchpoints.Single(t => t.TouchpointId.Value == "a1").Volume);
    }

    [TestMethod]
    public void Add_OutOfOrderEventOfACustomer_CountedInScorecardOnly()
    {
        var analysis = new JourneyAnalyzer(Map()).Analyze([Tp("z", P1, "b1", 10), Tp("z", P1, "a1", 5, 1), Tp("z", P1, "c1", 20)]);

        Assert.AreEqual(1, analysis.OutOfOrderEvents);
        var funnel = analysis.FunnelOf(P1)!;
        Assert.AreEqual(0, funnel.Stages[0].Entered, "the late a1 event is not a funnel step");
        Assert.AreEqual(1, funnel.Stages[1].Converted);
        Assert.AreEqual(1, analysis.Touchpoints.Single(t => t.TouchpointId.Value == "a1").ScoreCount);
        CollectionAssert.AreEqual(new[] { "b1", "c1" }, analysis.PathOf(P1)!.Steps.Select(s => s.TouchpointId!.Value.Value).ToArray());
    }

    [TestMethod]
    public void Add_PersonaNotOnMap_GetsItsOwnFunnelAfterMapPersonas()
    {
        var analysis = new JourneyAnalyzer(Map()).Analyze([Tp("z", new PersonaId("stranger"), "a1", 0)]);

        CollectionAssert.AreEqual(new[] { "p1", "p2", "stranger" }, analysis.Funnels.Select(f => f.PersonaId.Value).ToArray());
        Assert.AreEqual(1, analysis.Funnels[2].Stages[0].Entered);
    }

    [TestMethod]
    public void Add_CustomerSilentLongerThanTimeout_ReleasedAndComesBackAsNewJourney()
    {
        var analyzer = new JourneyAnalyzer(Map(), new JourneyAnalyzerOptions { InactivityTimeout = TimeSpan.FromDays(1) });
        analyzer.Add(Tp("z", P1, "a1", 0));
        analyzer.Add(Tp("y", P1, "a1", 30)); // 30 h later: z has been silent for more than a day
        Assert.AreEqual(1, analyzer.InFlightCustomers);

        analyzer.Add(Tp("z", P1, "b1", 31));
        var funnel = analyzer.GetAnalysis().FunnelOf(P1)!;
        Assert.AreEqual(3, funnel.Journeys);
        Assert.AreEqual(0, funnel.Stages[0].Converted, "z's first journey dropped off in a");
        Assert.AreEqual(1, funnel.Stages[1].Entered);
    }

    [TestMethod]
    public void Add_NoInactivityTimeout_KeepsEveryCustomerUntilComplete()
    {
        var analyzer = new JourneyAnalyzer(Map(), new JourneyAnalyzerOptions { InactivityTimeout = null });
        analyzer.Add(Tp("z", P1, "a1", 0));
        analyzer.Add(Tp("y", P1, "a1", 24 * 365 * 10));
        analyzer.Add(Tp("z", P1, "b1", 24 * 365 * 10 + 1));

        Assert.AreEqual(2, analyzer.InFlightCustomers);
        Assert.AreEqual(1, analyzer.GetAnalysis().FunnelOf(P1)!.Stages[0].Converted, "z's journey went on after ten years");
        analyzer.Complete();
        Assert.AreEqual(0, analyzer.InFlightCustomers);
    }

    [TestMethod]
    public void Constructor_NonPositiveTimeout_Throws() =>
        Assert.ThrowsExactly<ArgumentException>(() => new JourneyAnalyzer(Map(), new JourneyAnalyzerOptions { InactivityTimeout = TimeSpan.Zero }));

    [TestMethod]
    public void Add_ManySequentialCustomers_InFlightStateStaysBoundedAndReturnsToZero()
    {
        var analyzer = new JourneyAnalyzer(Map(), new JourneyAnalyzerOptions { InactivityTimeout = TimeSpan.FromDays(1) });
        int maxInFlight = 0;
        for (int i = 0; i < 20_000; i++)
        {
            // One customer every 6 hours, each active for 3 hours.
            double start = i * 6.0;
            analyzer.Add(Tp($"k{i}", P1, "a1", start));
            analyzer.Add(Tp($"k{i}", P1, "b1", start + 1));
            analyzer.Add(Tp($"k{i}", P1, "c1", start + 3, 4));
            maxInFlight = Math.Max(maxInFlight, analyzer.InFlightCustomers);
        }

        // A customer stays until a day after their last event: 5 in flight at most, whatever the number of events.
        Assert.IsLessThanOrEqualTo(6, maxInFlight);
        var analysis = analyzer.GetAnalysis();
        Assert.AreEqual(20_000, analysis.FunnelOf(P1)!.Stages[2].Entered);
        analyzer.Complete();
        Assert.AreEqual(0, analyzer.InFlightCustomers);
        Assert.AreEqual(analysis.FunnelOf(P1)!.Stages[2].Entered, analyzer.GetAnalysis().FunnelOf(P1)!.Stages[2].Entered, "releasing state changes no figure");
    }

    [TestMethod]
    public void Add_SimulatedStreamFourTimesLonger_InFlightDoesNotGrowWithEvents()
    {
        static (int MaxInFlight, long Events) Run(int customers)
        {
            var map = Map();
            var analyzer = new JourneyAnalyzer(map, new JourneyAnalyzerOptions { InactivityTimeout = TimeSpan.FromDays(7) });
            int max = 0;
            foreach (var e in new JourneyEventSimulator(map, new JourneyEventSimulatorOptions { Customers = customers, Seed = 3 }).Generate())
            {
                analyzer.Add(e);
                max = Math.Max(max, analyzer.InFlightCustomers);
            }
            return (max, analyzer.EventsAdded);
        }

        var small = Run(5_000);
        var large = Run(20_000);

        Assert.IsGreaterThan(small.Events * 3, large.Events);
        Assert.IsLessThan(small.MaxInFlight * 1.5, large.MaxInFlight, $"in flight: {small.MaxInFlight} then {large.MaxInFlight}");
        Assert.IsLessThan(5_000, large.MaxInFlight);
    }

    [TestMethod]
    public void Complete_AfterSample_ReleasesEveryCustomer()
    {
        var analyzer = new JourneyAnalyzer(Map());
        analyzer.Analyze(Events());
        Assert.AreEqual(6, analyzer.InFlightCustomers);

        analyzer.Complete();

        Assert.AreEqual(0, analyzer.InFlightCustomers);
        Assert.AreEqual(0, analyzer.GetAnalysis().CustomersInFlight);
        Assert.AreEqual(6, analyzer.GetAnalysis().Journeys);
    }

    [TestMethod]
    public async Task AnalyzeAsync_Stream_SameResultAsSyncAndReportsProgress()
    {
        var progress = new ListProgress();
        var analyzer = new JourneyAnalyzer(Map(), new JourneyAnalyzerOptions { ProgressInterval = 5 });

        var analysis = await analyzer.AnalyzeAsync(Events().ToAsyncEnumerable(), progress);

        CollectionAssert.AreEqual(new long[] { 5, 10, 12 }, progress.Values);
        var sync = AnalyzeSample();
        CollectionAssert.AreEqual(sync.FunnelOf(P1)!.Stages.ToArray(), analysis.FunnelOf(P1)!.Stages.ToArray());
        CollectionAssert.AreEqual(sync.Bottlenecks.ToArray(), analysis.Bottlenecks.ToArray());
    }

    [TestMethod]
    public async Task AnalyzeAsync_CancelledMidway_ThrowsAndStopsReading()
    {
        using var cts = new CancellationTokenSource();
        var progress = new ListProgress(onReport: _ => cts.Cancel());
        var map = Map();
        var analyzer = new JourneyAnalyzer(map, new JourneyAnalyzerOptions { ProgressInterval = 100 });
        var events = new JourneyEventSimulator(map, new JourneyEventSimulatorOptions { Customers = 100_000 }).Generate();

        await Assert.ThrowsAsync<OperationCanceledException>(() => analyzer.AnalyzeAsync(events.ToAsyncEnumerable(), progress, cts.Token));

        Assert.AreEqual(100, analyzer.EventsAdded, "stops at the first event after the cancel");
    }

    [TestMethod]
    public void Constructor_TouchpointInUnknownStage_ThrowsNamingIt()
    {
        var map = Map() with { Touchpoints = [new Touchpoint { Id = new TouchpointId("t"), Name = "T", StageId = new StageId("nowhere") }] };

        var ex = Assert.ThrowsExactly<ArgumentException>(() => new JourneyAnalyzer(map));
        StringAssert.Contains(ex.Message, "'t'");
        StringAssert.Contains(ex.Message, "'nowhere'");
    }

    [TestMethod]
    public void Constructor_65535TouchpointsAndStages_ThrowsSayingTheLimit()
    {
        var touchpoints = Enumerable.Range(0, ushort.MaxValue - Map().Stages.Count)
            .Select(i => new Touchpoint { Id = new TouchpointId($"t{i}"), Name = "T", StageId = new StageId("a") }).ToList();

        var ex = Assert.ThrowsExactly<ArgumentException>(() => new JourneyAnalyzer(Map() with { Touchpoints = touchpoints }));
        StringAssert.Contains(ex.Message, "65,535 touchpoints and stages; at most 65,534");
        _ = new JourneyAnalyzer(Map() with { Touchpoints = touchpoints.Take(touchpoints.Count - 1).ToList() });
    }

    [TestMethod]
    public void Constructor_NoStages_Throws()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => new JourneyAnalyzer(Map() with { Stages = [], Touchpoints = [] }));
        StringAssert.Contains(ex.Message, "no stages");
    }

    [TestMethod]
    public void GetAnalysis_NoEvents_EmptyButComplete()
    {
        var analysis = new JourneyAnalyzer(Map()).GetAnalysis();

        Assert.AreEqual(2, analysis.Funnels.Count);
        Assert.AreEqual(3, analysis.OverallFunnel.Count);
        Assert.AreEqual(0, analysis.OverallFunnel[0].ConversionRate);
        Assert.AreEqual(0, analysis.Bottlenecks.Count);
        Assert.AreEqual(4, analysis.Touchpoints.Count);
        Assert.AreEqual(0, analysis.PathOf(P1)!.Steps.Count);
    }

    private sealed class ListProgress(Action<long>? onReport = null) : IProgress<long>
    {
        public List<long> Values { get; } = [];

        public void Report(long value)
        {
            Values.Add(value);
            onReport?.Invoke(value);
        }
    }
}
