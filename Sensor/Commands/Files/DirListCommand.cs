using Sensor.Events;
using Sensor.FileSystem;
using Sensor.Platform;

namespace Sensor.Commands.Files;

/// <summary>
/// dir_list: the entries under rootDir whose name matches fileExp, <c>-d</c> levels deep (1 by default), symbolic
/// links listed as themselves and never followed. At most <see cref="MaxEntries"/> entries or
/// <see cref="MaxReplyBytes"/> of reply; past either the listing stops and says <c>TRUNCATED</c>.
/// </summary>
[Command("dir_list", 4, ReplyEvent = "DIR_LIST_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Description = "List the contents of a directory.")]
public sealed partial class DirListCommand
{
    public const int MaxEntries = 250_000;
    public const int MaxReplyBytes = 48 * 1024 * 1024;

    /// <summary>Threads reading directories at most: past a few, the walk waits on the single visitor.</summary>
    public const int MaxWalkThreads = 4;

    [Option("-d", "--depth", Meta = "DEPTH", Help = "optional maximum depth of the listing, defaults to a single level")]
    public int Depth { get; set; } = 1;

    [Positional("rootDir", Help = "the root directory where to begin the listing from")]
    public string RootDir { get; set; } = "";

    [Positional("fileExp", Help = "a file name expression supporting basic wildcards like * and ?")]
    public string FileExp { get; set; } = "";

    public static void Execute(DirListCommand arguments, CommandContext context)
    {
        EventBuilder reply = context.Reply;
        reply.Begin("DIR_LIST_REP");
        reply.Field(FieldNames.DirectoryPath, arguments.RootDir);
        reply.Field(FieldNames.FilePath, arguments.FileExp);
        reply.Field(FieldNames.DirectoryListDepth, (long)arguments.Depth);
        if (arguments.Depth < 0)
        {
            reply.End(ErrorCodes.InvalidParameter, "depth must not be negative");
            return;
        }

        // Reading directories is mostly kernel time that cores split; every match needs its stat for the reply.
        var walker = new DirectoryWalker(arguments.Depth, Utf8Path.From(arguments.FileExp))
        {
            Cancellation = context.Cancellation,
            Threads = ScanThrottle.Workers(Math.Min(Environment.ProcessorCount, MaxWalkThreads)),
            StatMatches = true,
        };
        reply.BeginArray(FieldNames.DirectoryList);
        var lister = new Lister(reply, walker);
        int error = walker.Walk(Utf8Path.From(arguments.RootDir), ref lister);
        reply.EndArray();
        ReportWalk(reply, walker, lister.Count, lister.Truncated, MaxEntries);
        reply.End(error, error == ErrorCodes.Success ? null : FileErrorText.Describe(error, arguments.RootDir));
    }

    /// <summary>The counts every walk reports: entries, skipped (vanished), unreadable, and the truncation marker.</summary>
    internal static void ReportWalk(EventBuilder reply, DirectoryWalker walker, long count, bool truncated, int cap)
    {
        reply.Field(FieldNames.DirectoryListCount, count);
        reply.Field(FieldNames.SkippedCount, walker.Vanished);
        reply.Field(FieldNames.ErrorCount, walker.Unreadable);
        if (truncated)
        {
            reply.Field(FieldNames.Truncated, true);
            reply.Field(FieldNames.ErrorMessage, $"listing truncated at {count} entries (caps: {cap} entries, {MaxReplyBytes} bytes)");
        }
    }

    private struct Lister(EventBuilder reply, DirectoryWalker walker) : IWalkVisitor
    {
        public long Count;
        public bool Truncated;

        public bool OnMatch(ReadOnlySpan<byte> path, in DirectoryEntry entry)
        {
            FileStatus status = entry.Status;
            if (!entry.HasStatus && Os.StatAt(entry.DirectoryHandle, entry.Name, out status) != ErrorCodes.Success)
            {
                // Gone between the listing and the stat: counted, not listed.
                walker.Vanished++;
                return true;
            }

            if (Count >= MaxEntries || reply.Length > MaxReplyBytes)
            {
                Truncated = true;
                return false;
            }

            reply.BeginMapItem();
            reply.FieldUtf8(FieldNames.FileName, entry.Name);
            reply.FieldUtf8(FieldNames.FilePath, path);
            FileEntryWriter.WriteStatus(reply, status);
            reply.EndMap();
            Count++;
            return true;
        }
    }
}
