using Sensor.Commands;
using Sensor.Commands.Network;
using Sensor.Events;
using Sensor.Platform;

namespace CommandProbe;

public static class Program
{
    public static int Main(string[] args)
    {
        using Stream stdout = Console.OpenStandardOutput();
        var sink = new JsonLinesEventSink(stdout, Console.Out);
        var context = new CommandContext(sink, new RoutingInfo { Hostname = Environment.MachineName }, OsFamily.Linux);
        switch (args.Length > 0 ? args[0] : "")
        {
            case "netstat":
                NetstatCommand.Execute(new NetstatCommand(), context);
                break;
            case "netstat-parts":
                // Where the time goes, in-process: the kernel dump + owner walk, then the whole handler.
                for (int i = 0; i < 5; i++)
                {
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    var sockets = new List<Sensor.Platform.Network.SocketEntry>();
                    Os.ListSockets(sockets);
                    double list = watch.Elapsed.TotalMilliseconds;
                    watch.Restart();
                    var nullContext = new CommandContext(new NullSink(), new RoutingInfo(), OsFamily.Linux);
                    NetstatCommand.Execute(new NetstatCommand(), nullContext);
                    Console.Error.WriteLine($"list {list:F1} ms ({sockets.Count} sockets); handler without rendering {watch.Elapsed.TotalMilliseconds:F1} ms");
                }

                break;
            default:
                Console.Error.WriteLine("usage: command-probe netstat");
                return 2;
        }

        return sink.AnyError ? 1 : 0;
    }
}
