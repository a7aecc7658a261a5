using JourneyKit.Connectors.Text;

namespace JourneyKit.Connectors.Tests;

[TestClass]
public sealed class CompactIdSetTests
{
    [TestMethod]
    public void Add_OrdinalSet_SameIdsAsAHashSetOfStrings()
    {
        // Numbers, GUIDs in both cases and other spellings: the compact set must agree with HashSet<string>(Ordinal).
        string[] ids = ["123", "0123", "123", "+123", "0", "00", "999999999999999999", "9999999999999999999",
            "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "3F2504E0-4F89-11D3-9A0C-0305E82C3301", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "abc", "ABC"];
        var compact = new CompactIdSet(ignoreCase: false);
        var plain = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids) Assert.AreEqual(plain.Add(id), compact.Add(id), id);
        Assert.AreEqual(plain.Count, compact.Count);
        foreach (var id in ids.Append("124")) Assert.AreEqual(plain.Contains(id), compact.Contains(id), id);
    }

    [TestMethod]
    public void Add_IgnoreCaseSet_SameIdsAsAHashSetOfStringsIgnoringCase()
    {
        string[] ids = ["3f2504e0-4f89-11d3-9a0c-0305e82c3301", "3F2504E0-4F89-11D3-9A0C-0305E82C3301", "{3f2504e0-4f89-11d3-9a0c-0305e82c3301}",
            "abc", "ABC", "42", "042"];
        var compact = new CompactIdSet(ignoreCase: true);
        var plain = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in ids) Assert.AreEqual(plain.Add(id), compact.Add(id), id);
        Assert.AreEqual(plain.Count, compact.Count);
    }
}
