using System.Text.Json;
using Sensor.Commands.Network;
using Sensor.Tests.Support;

namespace Sensor.Tests.Commands.Network;

[Platform("Linux")]
public sealed class PcapIfacesCommandTests
{
    [Test]
    public void Execute_ThisHost_AgreesWithSysClassNetAndLoopback()
    {
        var (sink, context) = RecordingSink.Create();
        PcapIfacesCommand.Execute(new PcapIfacesCommand(), context);
        JsonElement ev = sink.Single();
        Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.Zero);
        var interfaces = ev.GetProperty("INTERFACE").EnumerateArray().ToDictionary(i => i.GetProperty("NAME").GetString()!);
        if (Directory.Exists("/sys/class/net"))
        {
            Assert.That(interfaces.Keys, Is.EquivalentTo(Directory.GetFileSystemEntries("/sys/class/net").Select(Path.GetFileName)));
        }

        Assert.That(interfaces["lo"].GetProperty("IPV4").EnumerateArray().Select(a => a.GetString()), Does.Contain("127.0.0.1"));
        // `ip -o addr` (iproute2, getifaddrs' netlink source) lists the same addresses per interface.
        foreach (string line in ToolOutput.Run("ip", "-o", "addr").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string name = f[1].Split('@')[0];
            string address = f[3].Split('/')[0];
            string field = f[2] == "inet" ? "IPV4" : "IPV6";
            var ours = interfaces[name].GetProperty(field).EnumerateArray().Select(a => a.GetString()!.Split('%')[0]);
            Assert.That(ours, Does.Contain(address), line);
        }
    }
}
