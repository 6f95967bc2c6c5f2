using System.Net.NetworkInformation;
using System.Net.Sockets;
using Sensor.Events;
using Sensor.Platform;

namespace Sensor.Commands.Network;

/// <summary>Network interfaces with their IPv4 and IPv6 addresses (getifaddrs underneath on Linux and macOS).</summary>
[Command("pcap_ifaces", 59, ReplyEvent = "PCAP_LIST_INTERFACES_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Description = "List the network interfaces available for capture on a host.")]
public sealed partial class PcapIfacesCommand
{
    public static void Execute(PcapIfacesCommand arguments, CommandContext context)
    {
        _ = arguments;
        NetworkInterface[] interfaces;
        try
        {
            interfaces = NetworkInterface.GetAllNetworkInterfaces();
        }
        catch (NetworkInformationException e)
        {
            context.Reply.Begin("PCAP_LIST_INTERFACES_REP");
            context.Reply.End(e.ErrorCode == 0 ? ErrorCodes.InvalidFunction : e.ErrorCode, "listing interfaces failed: " + e.Message);
            return;
        }

        EventBuilder reply = context.Reply;
        reply.Begin("PCAP_LIST_INTERFACES_REP");
        reply.BeginArray(FieldNames.Interface);
        foreach (NetworkInterface networkInterface in interfaces)
        {
            reply.BeginMapItem();
            reply.Field(FieldNames.Name, networkInterface.Name);
            IPInterfaceProperties properties = networkInterface.GetIPProperties();
            WriteAddresses(reply, FieldNames.Ipv4, properties, AddressFamily.InterNetwork);
            WriteAddresses(reply, FieldNames.Ipv6, properties, AddressFamily.InterNetworkV6);

            reply.EndMap();
        }

        reply.EndArray();
        reply.End(ErrorCodes.Success);
    }

    private static void WriteAddresses(EventBuilder reply, ReadOnlySpan<byte> field, IPInterfaceProperties properties, AddressFamily family)
    {
        reply.BeginArray(field);
        foreach (UnicastIPAddressInformation address in properties.UnicastAddresses)
        {
            if (address.Address.AddressFamily == family)
            {
                reply.Item(address.Address.ToString());
            }
        }

        reply.EndArray();
    }
}
