using Sensor.Events;
using Sensor.Platform;
using Sensor.Platform.Network;

namespace Sensor.Commands.Network;

/// <summary>Every TCP and UDP socket of the host, IPv4 and IPv6, with the pid that holds it.</summary>
[Command("netstat", 29, ReplyEvent = "NETSTAT_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Description = "List network connections and sockets listening.")]
public sealed partial class NetstatCommand
{
    /// <summary>Sockets reported at most; more are counted in <c>SKIPPED_COUNT</c> with <c>TRUNCATED</c> set.</summary>
    public const int MaxSockets = 250_000;

    // What the fields after the list need at most, with the event buffer's 256-byte requests.
    private const int TrailerBytes = 1024;

    public static void Execute(NetstatCommand arguments, CommandContext context)
    {
        _ = arguments;
        var sockets = new List<SocketEntry>(1024);
        SocketListResult result = Os.ListSockets(sockets);
        EventBuilder reply = context.Reply;
        reply.Begin("NETSTAT_REP");
        if (result.Error != 0)
        {
            reply.End(result.Error, result.Message);
            return;
        }

        reply.Field(FieldNames.Friendly, 0L);
        int written = 0;
        Span<byte> text = stackalloc byte[64];
        reply.BeginArray(FieldNames.NetworkActivity);
        foreach (ref readonly SocketEntry socket in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sockets))
        {
            if (written == MaxSockets)
            {
                break;
            }

            EventMark mark = reply.Mark();
            try
            {
                WriteSocket(reply, socket, text);
            }
            catch (EventTooLargeException)
            {
                reply.Rollback(mark);
                break;
            }

            // Room is kept for the fields after the list (the event buffer asks for 256 bytes per write).
            if (reply.Length > reply.MaxEventBytes - TrailerBytes)
            {
                reply.Rollback(mark);
                break;
            }

            written++;
        }

        reply.EndArray();
        if (written < sockets.Count)
        {
            reply.Field(FieldNames.Truncated, true);
            reply.Field(FieldNames.SkippedCount, (long)(sockets.Count - written));
        }

        if (result.UnreadableProcesses > 0)
        {
            // Sockets of those processes are reported with PROCESS_ID 0.
            reply.Field(FieldNames.ErrorCount, (long)result.UnreadableProcesses);
        }

        reply.End(ErrorCodes.Success);
    }

    private static void WriteSocket(EventBuilder reply, in SocketEntry socket, Span<byte> text)
    {
        reply.BeginMapItem();
        reply.BeginMap(FieldNames.Destination);
        reply.FieldUtf8(FieldNames.IpAddress, text[..IpAddressText.Format(socket.RemoteAddress, socket.IsIPv6, text)]);
        reply.Field(FieldNames.Port, (long)socket.RemotePort);
        reply.EndMap();
        // No owner (TIME_WAIT, or a process that exited between the dump and the walk): 0, as Windows reports it.
        reply.Field(FieldNames.ProcessId, (long)Math.Max(socket.ProcessId, 0));
        reply.FieldUtf8(FieldNames.Protocol, ProtocolName(socket.Protocol));
        reply.BeginMap(FieldNames.Source);
        reply.FieldUtf8(FieldNames.IpAddress, text[..IpAddressText.Format(socket.LocalAddress, socket.IsIPv6, text)]);
        reply.Field(FieldNames.Port, (long)socket.LocalPort);
        reply.EndMap();
        if (socket.IsTcp)
        {
            reply.Field(FieldNames.State, (long)socket.State);
        }

        reply.EndMap();
    }

    private static ReadOnlySpan<byte> ProtocolName(SocketProtocol protocol) => protocol switch
    {
        SocketProtocol.Tcp4 => "tcp4"u8,
        SocketProtocol.Tcp6 => "tcp6"u8,
        SocketProtocol.Udp4 => "udp4"u8,
        _ => "udp6"u8,
    };
}
