using JourneyKit.Core.Tests.TestData;
using JourneyKit.Serialization;
using JourneyKit.Validation;

namespace JourneyKit.Core.Tests.Serialization;

/// <summary>"Never a bare exception": every broken variant of a real map gives a JourneyMapFormatException or a valid read.</summary>
[TestClass]
public sealed class MalformedInputTests
{
    private static readonly string Json = JourneyMapJson.Serialize(TestMaps.FullyPopulated());

    [TestMethod]
    public void Deserialize_TruncatedAtAnyPoint_FormatExceptionWithLine()
    {
        for (var length = 0; length < Json.Length - 1; length += 3)
        {
            var cut = Json[..length];
            var ex = Assert.ThrowsExactly<JourneyMapFormatException>(() => JourneyMapJson.Deserialize(cut), $"cut at {length}");
            Assert.IsNotEmpty(ex.Problems, $"cut at {length}");
            Assert.IsTrue(ex.Problems.All(p => p.Path.StartsWith('$')), $"cut at {length}");
        }
    }

    [TestMethod]
    public void DeserializeAndValidateJson_RandomlyMutated_NeverABareException()
    {
        var random = new Random(20260301);
        const string Replacements = "{}[]\",:0a-n.";
        for (var round = 0; round < 1500; round++)
        {
            var chars = Json.ToCharArray();
            for (var k = 0; k < 1 + (round % 3); k++) chars[random.Next(chars.Length)] = Replacements[random.Next(Replacements.Length)];
            var text = new string(chars);
            try
            {
                var map = JourneyMapJson.Deserialize(text);
                // Whatever reads must also write, validate, diff and measure.
                Assert.AreEqual(JourneyMapJson.Serialize(map), JourneyMapJson.Serialize(JourneyMapJson.Deserialize(JourneyMapJson.Serialize(map))));
                MapValidator.Validate(map);
                JourneyKit.Versioning.MapDiff.Compare(TestMaps.FullyPopulated(), map);
                JourneyKit.Versioning.MapMetrics.Of(map);
            }
            catch (JourneyMapFormatException ex)
            {
                Assert.IsNotEmpty(ex.Problems, text);
            }
            var result = MapValidator.ValidateJson(text);
            Assert.IsNotNull(result.Problems);
        }
    }
}
