using System.CommandLine;
using System.Net;
using System.Text;
using Sensor.Server.Cli;

namespace Sensor.Server;

/// <summary>The <c>sensor-server</c> command line: set up a directory, run the server, manage keys, sensors and tasks.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var dir = new Argument<string>("dir") { Description = "the server's state directory" };
        var root = new RootCommand("sensor-server: the server side of the sensor channel (docs/protocol.md)");

        root.Subcommands.Add(ServerVerbs.InitVerb(dir));
        root.Subcommands.Add(ServerVerbs.RunVerb(dir, Log));

        var keyAdd = new Command("key-add", "create another installation key") { dir };
        keyAdd.SetAction(result =>
        {
            Console.WriteLine(new ServerDirectory(result.GetValue(dir)!).AddInstallationKey());
            return 0;
        });
        root.Subcommands.Add(keyAdd);

        var sid = new Argument<string>("sid") { Description = "the sensor id" };
        var revoke = new Command("revoke", "refuse a sensor's credential from its next connection on") { dir, sid };
        revoke.SetAction(result =>
        {
            if (new ServerDirectory(result.GetValue(dir)!).Revoke(result.GetValue(sid)!))
            {
                return 0;
            }

            Console.Error.WriteLine($"no sensor {result.GetValue(sid)}");
            return 1;
        });
        root.Subcommands.Add(revoke);

        root.Subcommands.Add(ServerVerbs.SensorsVerb());
        root.Subcommands.Add(ServerVerbs.TaskVerb());
        root.Subcommands.Add(ServerVerbs.ConsoleVerb());
        root.Subcommands.Add(Sensor.Server.Load.LoadGenerator.Verb());

        return root.Parse(args).Invoke();
    }

    private static void Log(string message) => Console.Error.WriteLine($"{DateTimeOffset.UtcNow:O} {message}");
}
