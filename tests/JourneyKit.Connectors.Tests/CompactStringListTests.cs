using JourneyKit.Connectors.Text;

namespace JourneyKit.Connectors.Tests;

[TestClass]
public sealed class CompactStringListTests
{
    [TestMethod]
    public void Add_ManyStringsAndParts_EnumeratesThemInOrderAndClearEmpties()
    {
        var list = new CompactStringList();
        var expected = Enumerable.Range(0, 5_000).Select(i => Guid.NewGuid().ToString("D")).ToList();
        expected.Add("Zoë, Ærøskøbing 東京");
        expected.Add(string.Empty);
        foreach (var s in expected) list.Add("Dataverse:" + s, "Dataverse:".Length);

        Assert.HasCount(expected.Count, list);
        CollectionAssert.AreEqual(expected, list.ToList());

        list.Clear();
        Assert.IsEmpty(list);
        list.Add("one");
        CollectionAssert.AreEqual(new[] { "one" }, list.ToList());
    }
}
