namespace Sensor.Platform.Network;

/// <summary>One TCP or UDP socket as the OS's tables report it, with the process that holds it.</summary>
public struct SocketEntry
{
    public SocketProtocol Protocol;

    /// <summary>TCP state in the Windows MIB_TCP_STATE numbering (2 LISTEN, 5 ESTABLISHED ...); 0 for UDP.</summary>
    public byte State;

    public ushort LocalPort;

    public ushort RemotePort;

    /// <summary>The holder's pid; -1 when no process holds it any more (TIME_WAIT) or it could not be found.</summary>
    public int ProcessId;

    /// <summary>An OS handle for the socket (the inode on Linux), 0 where there is none.</summary>
    public ulong Handle;

    public IpAddressBytes LocalAddress;

    public IpAddressBytes RemoteAddress;

    public readonly bool IsIPv6 => Protocol is SocketProtocol.Tcp6 or SocketProtocol.Udp6;

    public readonly bool IsTcp => Protocol is SocketProtocol.Tcp4 or SocketProtocol.Tcp6;
}
