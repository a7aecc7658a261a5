using System.Runtime.CompilerServices;
using System.Text;
using JourneyKit.Analytics;

namespace JourneyKit.Core.Tests.Analytics;

[TestClass]
public sealed class CustomerTableTests
{
    private static byte[] Id(int n) => Encoding.UTF8.GetBytes(n % 3 == 0 ? $"c{n}" : $"customer-{n:D9}-{new string('x', n % 17)}");

    private static int FindOrAdd(CustomerTable table, byte[] id, out bool added) => table.FindOrAdd(id, AnalyzerShard.Hash(id), out added);

    [TestMethod]
    public void Customer_RecordIs32Bytes() => Assert.AreEqual(32, Unsafe.SizeOf<CustomerTable.Customer>());

    [TestMethod]
    public void FindOrAdd_ChurnOfReleasesAndArrivals_FindsEveryLiveIdAndHoldsNoMoreMemory()
    {
        var table = new CustomerTable();
        var live = new Dictionary<int, int>(); // customer number -> record
        long heldAfterWarmUp = 0;
        int next = 0;
        for (int round = 0; round < 40; round++)
        {
            // Arrivals up to 20,000 in flight, then the oldest half released (as a timeout sweep would).
            while (live.Count < 20_000)
            {
                int record = FindOrAdd(table, Id(next), out bool added);
                Assert.IsTrue(added, $"customer {next} is new");
                ref var c = ref table[record];
                c.LastTicks = next;
                c.LastNode = next % 1000 - 1;
                live[next++] = record;
            }
            int removed = table.RemoveSilentBefore(next - 10_000);
            Assert.AreEqual(10_000, removed);
            foreach (var n in live.Keys.Where(n => n < next - 10_000).ToList()) live.Remove(n);
            Assert.AreEqual(live.Count, table.Count);

            foreach (var (n, record) in live)
            {
                Assert.AreEqual(record, FindOrAdd(table, Id(n), out bool added), $"customer {n} in round {round}");
                Assert.IsFalse(added);
                Assert.AreEqual(n, table[record].LastTicks);
                Assert.AreEqual(n % 1000 - 1, table[record].LastNode);
            }
            if (round == 4) heldAfterWarmUp = table.BytesHeld;
        }
        Assert.AreEqual(heldAfterWarmUp, table.BytesHeld, "released ids' bytes are reused in place: the table does not grow with the customers seen");

        int gone = FindOrAdd(table, Id(0), out bool again);
        Assert.IsTrue(again, "a released customer is new when met again");
        Assert.AreEqual(0, table[gone].LastTicks);
    }
}
