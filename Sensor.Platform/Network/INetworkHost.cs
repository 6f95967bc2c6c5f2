namespace Sensor.Platform.Network;

/// <summary>The sockets of the host, for netstat.</summary>
public interface INetworkHost
{
    /// <summary>
    /// Appends every TCP and UDP socket (IPv4 and IPv6) to <paramref name="sockets"/>, each attributed to its
    /// process where one holds it. Processes that exit during the walk are skipped silently.
    /// </summary>
    static abstract SocketListResult ListSockets(List<SocketEntry> sockets);
}
