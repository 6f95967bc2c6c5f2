using System.Net.Sockets;
using System.Text;

namespace Sensor.Agent;

/// <summary>
/// sd_notify without libsystemd: one datagram to the unix socket systemd names in <c>NOTIFY_SOCKET</c> (a leading
/// <c>@</c> means the abstract namespace). Does nothing when the variable is unset (not started by systemd).
/// </summary>
public static class SystemdNotifier
{
    public static bool Notify(string state)
    {
        string? path = Environment.GetEnvironmentVariable("NOTIFY_SOCKET");
        if (string.IsNullOrEmpty(path))
        {
            return false;
        }

        if (path[0] == '@')
        {
            path = "\0" + path[1..];
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.SendTo(Encoding.UTF8.GetBytes(state), new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
