namespace Sensor.Platform.Network;

/// <summary>The transport and address family of a socket, as netstat's <c>PROTOCOL</c> names it.</summary>
public enum SocketProtocol : byte
{
    Tcp4 = 0,
    Tcp6 = 1,
    Udp4 = 2,
    Udp6 = 3,
}
