using System.Buffers;
using System.Runtime.CompilerServices;
using MessagePack;
using Sensor.Commands.Processes;
using Sensor.Events;
using Sensor.Platform;
using Sensor.Scanning;

namespace Sensor.Commands.Memory;

/// <summary>
/// ASCII (<c>STRINGSA</c>) and UTF-16LE (<c>STRINGSW</c>) strings of 5 to 128 characters from every readable region,
/// in address order within each list; longer runs are cut at 128. Output is capped at <see cref="MaxOutputBytes"/>
/// of string text; the reply says <c>TRUNCATED</c> when the cap stopped the scan.
/// </summary>
[Command("mem_strings", 28, ReplyEvent = "MEM_STRINGS_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Description = "List strings from a process's memory.")]
public sealed partial class MemStringsCommand
{
    /// <summary>16 MiB less the headroom that keeps a full reply inside one channel frame.</summary>
    public const int MaxOutputBytes = Channel.FrameLimits.DefaultMaxBytes - Channel.ChannelProtocol.ReplyHeadroomBytes;

    [Option("-p", "--pid", Meta = "PID", Help = "pid of the process to get the strings from")]
    public int? Pid { get; set; }

    [Option("-a", "--processatom", Meta = "PROCESSATOM", Help = "the atom of the target process")]
    public string? ProcessAtom { get; set; }

    public static void Execute(MemStringsCommand arguments, CommandContext context)
    {
        EventBuilder reply = context.Reply;
        var target = new ProcessTarget();
        int error = target.Resolve(arguments.Pid, arguments.ProcessAtom, forControl: false, out string? message);
        if (error != ErrorCodes.Success)
        {
            reply.Begin("MEM_STRINGS_REP");
            reply.Field(FieldNames.ProcessId, arguments.Pid ?? 0);
            reply.End(error, message);
            return;
        }

        reply.Begin("MEM_STRINGS_REP", target.Atom, target.ParentAtom);
        reply.Field(FieldNames.ProcessId, target.ProcessId);
        reply.BeginArray(FieldNames.Stringsa);
        var sink = new ReplyStringSink(reply, MaxOutputBytes);
        var collector = new MemoryStringCollector(sink);
        ScanStopReason stop;
        using (collector.Reader)
        {
            stop = collector.CollectProcess(target.ProcessId, MemoryScanOptions.Default, context.Cancellation);
        }

        reply.EndArray();
        reply.BeginArray(FieldNames.Stringsw);
        sink.WriteWide();
        reply.EndArray();
        reply.Field(FieldNames.SkippedCount, collector.RegionsSkipped);
        if (stop is ScanStopReason.HitCap or ScanStopReason.Deadline or ScanStopReason.ByteBudget)
        {
            reply.Field(FieldNames.Truncated, true);
        }

        reply.End(stop == ScanStopReason.ProcessError ? collector.Reader.Error : ErrorCodes.Success, stop switch
        {
            ScanStopReason.HitCap => $"the output reached its {MaxOutputBytes} byte cap",
            ScanStopReason.Deadline => "the scan reached its deadline",
            ScanStopReason.ByteBudget => "the scan reached its byte budget",
            ScanStopReason.ProcessError => "the process could not be read (it may have exited)",
            _ => null,
        });
    }

    /// <summary>
    /// ASCII strings go straight into the open array, a block's worth with one writer; wide ones wait in a side buffer
    /// for the second array. The cap counts every string's text plus two bytes, in the order the scan finds them.
    /// </summary>
    private sealed class ReplyStringSink(EventBuilder reply, int maxBytes) : IStringRunSink
    {
        private readonly ArrayBufferWriter<byte> _wide = new();
        private readonly List<int> _wideLengths = [];
        private long _total;

        public bool OnString(ulong address, ReadOnlySpan<byte> ascii, bool wide)
        {
            _total += ascii.Length + 2;
            if (_total > maxBytes)
            {
                return false;
            }

            if (wide)
            {
                _wide.Write(ascii);
                _wideLengths.Add(ascii.Length);
            }
            else
            {
                reply.ItemUtf8(ascii);
            }

            return true;
        }

        public bool OnStrings(in StringRunBatch batch)
        {
            if (batch.AsciiCount > 0 && !WriteAscii(batch))
            {
                return false;
            }

            for (int i = 0; i < batch.WideCount; i++)
            {
                if (!OnString(batch.WideAddress(i), batch.WideText(i), wide: true))
                {
                    return false;
                }
            }

            return true;
        }

        public void WriteWide()
        {
            ReadOnlySpan<byte> all = _wide.WrittenSpan;
            MessagePackWriter writer = reply.BeginItems();
            int at = 0;
            foreach (int length in _wideLengths)
            {
                writer.WriteString(all.Slice(at, length));
                at += length;
            }

            reply.EndItems(ref writer, _wideLengths.Count);
        }

        /// <summary>The block's ASCII strings, with one writer; false when the cap stopped them.</summary>
        private bool WriteAscii(in StringRunBatch batch)
        {
            MessagePackWriter writer = reply.BeginItems();
            int written = 0;
            bool capped = false;
            for (int i = 0; i < batch.AsciiHeadCount && !capped; i++)
            {
                capped = !Take(ref writer, batch.AsciiText(i), ref written);
            }

            ReadOnlySpan<byte> block = batch.Block;
            ReadOnlySpan<int> bounds = batch.AsciiBounds;
            for (int k = 0; k + 1 < bounds.Length && !capped; k += 2)
            {
                int first = bounds[k];
                capped = !Take(ref writer, block.Slice(first, Math.Min(bounds[k + 1] + 1 - first, StringRunScanner.MaxCharacters)), ref written);
            }

            reply.EndItems(ref writer, written);
            return !capped;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool Take(ref MessagePackWriter writer, ReadOnlySpan<byte> text, ref int written)
        {
            _total += text.Length + 2;
            if (_total > maxBytes)
            {
                return false;
            }

            writer.WriteString(text);
            written++;
            return true;
        }
    }
}
