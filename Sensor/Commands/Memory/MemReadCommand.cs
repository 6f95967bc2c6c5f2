using Sensor.Commands.Processes;
using Sensor.Events;
using Sensor.Platform;
using Sensor.Platform.Processes;

namespace Sensor.Commands.Memory;

/// <summary>
/// Reads a range of a process's memory without stopping it. At most <see cref="MaxBytes"/> are read (a larger request
/// is cut there and says <c>TRUNCATED</c>); a range that runs into unmapped memory returns the bytes before the hole
/// and <c>ERROR</c> 487.
/// </summary>
[Command("mem_read", 27, ReplyEvent = "MEM_READ_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Description = "Retrieve a chunk of memory from a process given a base address and size.")]
public sealed partial class MemReadCommand
{
    /// <summary>16 MiB less the headroom that keeps a full dump inside one channel frame.</summary>
    public const int MaxBytes = Channel.FrameLimits.DefaultMaxBytes - Channel.ChannelProtocol.ReplyHeadroomBytes;

    [Option("-p", "--pid", Meta = "PID", Help = "pid of the process to get the map from")]
    public int? Pid { get; set; }

    [Option("-a", "--processatom", Meta = "PROCESSATOM", Help = "the atom of the target process")]
    public string? ProcessAtom { get; set; }

    [Positional("baseAddr", Hex = true, Help = "base address to read from, in HEX FORMAT")]
    public ulong BaseAddr { get; set; }

    [Positional("memSize", Hex = true, Help = "number of bytes to read, in HEX FORMAT")]
    public ulong MemSize { get; set; }

    public static void Execute(MemReadCommand arguments, CommandContext context)
    {
        EventBuilder reply = context.Reply;
        var target = new ProcessTarget();
        int error = target.Resolve(arguments.Pid, arguments.ProcessAtom, forControl: false, out string? message);
        if (error != ErrorCodes.Success)
        {
            reply.Begin("MEM_READ_REP");
            reply.Field(FieldNames.ProcessId, arguments.Pid ?? 0);
            reply.Field(FieldNames.BaseAddress, arguments.BaseAddr);
            reply.Field(FieldNames.MemorySize, arguments.MemSize);
            reply.End(error, message);
            return;
        }

        reply.Begin("MEM_READ_REP", target.Atom, target.ParentAtom);
        reply.Field(FieldNames.ProcessId, target.ProcessId);
        reply.Field(FieldNames.BaseAddress, arguments.BaseAddr);
        reply.Field(FieldNames.MemorySize, arguments.MemSize);
        if (arguments.MemSize == 0 || arguments.BaseAddr + arguments.MemSize < arguments.BaseAddr)
        {
            reply.End(ErrorCodes.InvalidParameter, "memSize must be above 0 and the range must not wrap around");
            return;
        }

        bool truncated = arguments.MemSize > MaxBytes;
        int size = (int)Math.Min(arguments.MemSize, MaxBytes);
        error = Os.OpenMemory(target.ProcessId, out ProcessMemoryHandle handle);
        if (error != ErrorCodes.Success)
        {
            reply.End(error, "cannot open the process's memory");
            return;
        }

        int filled = 0;
        try
        {
            Span<byte> dump = reply.BeginBinary(FieldNames.MemoryDump, size);
            while (filled < size)
            {
                error = Os.ReadMemory(ref handle, arguments.BaseAddr + (ulong)filled, dump[filled..], out int got);
                filled += got;
                if (error != ErrorCodes.Success || got == 0)
                {
                    break;
                }
            }

            reply.CommitBinary(filled);
        }
        finally
        {
            Os.CloseMemory(ref handle);
        }

        if (truncated)
        {
            reply.Field(FieldNames.Truncated, true);
        }

        if (filled < size)
        {
            reply.End(error == ErrorCodes.Success ? ErrorCodes.InvalidAddress : error,
                $"read {filled} of {size} bytes: 0x{arguments.BaseAddr + (ulong)filled:x} is not readable");
            return;
        }

        reply.End(ErrorCodes.Success, truncated ? $"the read was cut at the {MaxBytes} byte cap" : null);
    }
}
