using System.Security.Cryptography;
using Sensor.Events;
using Sensor.FileSystem;
using Sensor.Platform;

namespace Sensor.Commands.Files;

/// <summary>
/// dir_find_hash: the same walk as dir_list; every matching regular file is hashed and only those whose SHA-256 is
/// one of <c>--hash</c> are listed. Hashing runs on <see cref="ParallelFiles.WorkerCount"/> threads: a warm tree is
/// bound by the cores, a cold one by the reads in flight (BASELINES.md finding 6), so there are more workers than cores.
/// </summary>
[Command("dir_find_hash", 3, ReplyEvent = "DIR_FINDHASH_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Description = "Find files matching hashes starting at a root directory.")]
public sealed partial class DirFindHashCommand
{
    /// <summary>The most files one task hashes; past it the reply says <c>TRUNCATED</c>.</summary>
    public const int MaxFiles = 2_000_000;

    [Option("-d", "--depth", Meta = "DEPTH", Help = "optional maximum depth of the listing, defaults to a single level")]
    public int Depth { get; set; } = 1;

    [Option("--hash", Meta = "HASHES", Required = true, Help = "sha256 to search for, can be specified multiple times")]
    public string[] Hashes { get; set; } = [];

    [Positional("rootDir", Help = "the root directory where to begin the search from")]
    public string RootDir { get; set; } = "";

    [Positional("fileExp", Help = "a file name expression supporting basic wildcards like * and ?")]
    public string FileExp { get; set; } = "";

    public static void Execute(DirFindHashCommand arguments, CommandContext context)
    {
        EventBuilder reply = context.Reply;
        reply.Begin("DIR_FINDHASH_REP");
        reply.Field(FieldNames.DirectoryPath, arguments.RootDir);
        reply.Field(FieldNames.FilePath, arguments.FileExp);
        reply.Field(FieldNames.DirectoryListDepth, (long)arguments.Depth);
        reply.BeginArray(FieldNames.Hash);
        foreach (string h in arguments.Hashes)
        {
            reply.Item(h);
        }

        reply.EndArray();
        byte[][] wanted = new byte[arguments.Hashes.Length][];
        for (int i = 0; i < wanted.Length; i++)
        {
            string text = arguments.Hashes[i].Trim();
            if (text.Length != 64 || !IsHex(text))
            {
                reply.End(ErrorCodes.InvalidParameter, $"argument --hash: not a SHA-256 in hex: '{arguments.Hashes[i]}'");
                return;
            }

            wanted[i] = Convert.FromHexString(text);
        }

        if (arguments.Depth < 0)
        {
            reply.End(ErrorCodes.InvalidParameter, "depth must not be negative");
            return;
        }

        // Files are hashed while the walk goes on: only matches and failures are kept.
        var pipeline = new HashPipeline(ParallelFiles.WorkerCount, (error, hash) => error != ErrorCodes.Success || Matches(hash, wanted), context.Cancellation);
        var walker = new DirectoryWalker(arguments.Depth, Utf8Path.From(arguments.FileExp)) { Cancellation = context.Cancellation };
        var collector = new Collector(pipeline);
        int error;
        List<HashedFile> results;
        try
        {
            error = walker.Walk(Utf8Path.From(arguments.RootDir), ref collector);
        }
        finally
        {
            // Always waits for the workers, even when the walk failed or was cancelled: none outlives the task.
            results = pipeline.Complete();
        }

        if (error != ErrorCodes.Success)
        {
            reply.BeginArray(FieldNames.DirectoryList);
            reply.EndArray();
            reply.End(error, FileErrorText.Describe(error, arguments.RootDir));
            return;
        }

        var matches = new List<HashedFile>();
        long hashErrors = 0;
        foreach (HashedFile result in results)
        {
            if (result.Error == ErrorCodes.FileNotFound)
            {
                walker.Vanished++;
            }
            else if (result.Error != ErrorCodes.Success)
            {
                hashErrors++;
            }
            else
            {
                matches.Add(result);
            }
        }

        reply.BeginArray(FieldNames.DirectoryList);
        foreach (HashedFile match in matches)
        {
            reply.BeginMapItem();
            ReadOnlySpan<byte> path = match.Path;
            int slash = path.LastIndexOf(Os.DirectorySeparator);
            reply.FieldUtf8(FieldNames.FileName, path[(slash + 1)..]);
            reply.FieldUtf8(FieldNames.FilePath, path);
            FileEntryWriter.WriteStatus(reply, match.Status);
            reply.FieldHex(FieldNames.Hash, match.Hash);
            reply.EndMap();
        }

        reply.EndArray();
        reply.Field(FieldNames.DirectoryListCount, matches.Count);
        reply.Field(FieldNames.SkippedCount, walker.Vanished);
        reply.Field(FieldNames.ErrorCount, walker.Unreadable + hashErrors);
        if (collector.Truncated)
        {
            reply.Field(FieldNames.Truncated, true);
        }

        reply.End(ErrorCodes.Success, collector.Truncated ? $"search truncated: only the first {MaxFiles} matching files were hashed" : null);
    }

    private static bool Matches(byte[] hash, byte[][] wanted)
    {
        foreach (byte[] w in wanted)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, w))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHex(string text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private struct Collector(HashPipeline pipeline) : IWalkVisitor
    {
        public bool Truncated;
        private int _count;

        public bool OnMatch(ReadOnlySpan<byte> path, in DirectoryEntry entry)
        {
            if (entry.Kind != DirectoryEntryKind.File)
            {
                return true;
            }

            if (_count >= MaxFiles)
            {
                Truncated = true;
                return false;
            }

            _count++;
            pipeline.Add(path.ToArray());
            return true;
        }
    }
}
