using System.Text;
using JourneyKit.Connectors.Http;

namespace JourneyKit.Connectors.Tests.Http;

[TestClass]
public sealed class CrmBodyTests
{
    /// <summary>
    /// A body read into chunks gives back exactly its text, whether or not its length was announced and wherever a chunk
    /// ends: in the middle of a multi-byte character, on a chunk's last byte, one past it. A small announced body takes
    /// one chunk its size, so the first chunk can be shorter than the rest.
    /// </summary>
    [TestMethod]
    [DataRow(0)]
    [DataRow(1)]
    [DataRow(1_000)]
    [DataRow((64 * 1024) - 1)]
    [DataRow(64 * 1024)]
    [DataRow((64 * 1024) + 1)]
    [DataRow(200_003)]
    public async Task ReadAsync_AnyLengthAnnouncedOrNot_GivesBackTheSameText(int bytes)
    {
        var text = Text(bytes);
        var utf8 = Encoding.UTF8.GetBytes(text);
        Assert.HasCount(bytes, utf8);

        foreach (long? announced in new long?[] { null, utf8.Length })
        {
            var body = await CrmBody.ReadAsync(new TrickleStream(utf8), announced, CancellationToken.None);
            Assert.AreEqual(utf8.LongLength, body.Length, $"announced {announced}");
            Assert.AreEqual(text, body.ToText(), $"announced {announced}");
            using var reader = body.OpenText();
            var read = new StringBuilder();
            var buffer = new char[7];
            int n;
            while ((n = reader.Read(buffer, 0, buffer.Length)) > 0) read.Append(buffer, 0, n);
            Assert.AreEqual(text, read.ToString(), $"announced {announced}, read 7 characters at a time");
        }
    }

    /// <summary>A text of exactly <paramref name="bytes"/> UTF-8 bytes with two- and three-byte characters throughout.</summary>
    private static string Text(int bytes)
    {
        var s = new StringBuilder();
        int length = 0, i = 0;
        string[] parts = ["a", "é", "東", "{\"id\":\"", "z"];
        while (length < bytes)
        {
            var part = parts[i++ % parts.Length];
            int size = Encoding.UTF8.GetByteCount(part);
            if (length + size > bytes) part = new string('x', size = bytes - length);
            s.Append(part);
            length += size;
        }
        return s.ToString();
    }

    /// <summary>A stream that hands out at most 1,000 bytes a read, as a socket does.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1_000)], cancellationToken);
    }
}
