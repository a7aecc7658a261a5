using System.Text;

namespace JourneyKit.IO;

/// <summary>
/// Writes a file so that a crash, a cancellation or an exception leaves either the old file or the new
/// one, never half of one: the text goes to a temporary file beside the target, is flushed to disk, and
/// is then moved over the target.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes a file atomically.</summary>
    /// <param name="path">The target; its folder is created if missing.</param>
    /// <param name="write">Writes the content (UTF-8, no byte-order mark).</param>
    /// <param name="cancellationToken">Cancels the write; the target is then left as it was.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    /// <exception cref="IOException">The folder cannot be created or written; the message names the target and its folder, never the temporary file.</exception>
    public static async Task WriteAsync(string path, Func<TextWriter, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (Directory.Exists(full)) throw new IOException($"Cannot write {full}: it is a folder. Give a file name.");
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot write {full}: the folder {folder} cannot be created ({Reason(e, folder)}).", e);
        }
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        FileStream stream;
        try
        {
            stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The temporary file's name means nothing to the user: the folder is what they can fix.
            throw new IOException($"Cannot write {full}: the folder {folder} cannot be written to ({Reason(e, temp)}).", e);
        }
        try
        {
            await using (stream.ConfigureAwait(false))
            {
                var writer = new StreamWriter(stream, Utf8NoBom, 64 * 1024, leaveOpen: true);
                await using (writer.ConfigureAwait(false))
                {
                    await write(writer).ConfigureAwait(false);
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
                stream.Flush(flushToDisk: true);
            }
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                File.Move(temp, full, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"Cannot write {full} ({Reason(e, temp)}).", e);
            }
        }
        catch
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The temporary file is hidden and named as such; leaving it is harmless.
            }
            throw;
        }
    }

    /// <summary>The operating system's reason, without the path it names (a temporary file or the folder already named).</summary>
    private static string Reason(Exception e, string path)
    {
        if (e is UnauthorizedAccessException) return "permission denied";
        var message = e.Message.Replace($"'{path}'", "it", StringComparison.Ordinal).Replace(path, "it", StringComparison.Ordinal).Trim().TrimEnd('.');
        return message.Length == 0 ? e.GetType().Name : message;
    }
}
