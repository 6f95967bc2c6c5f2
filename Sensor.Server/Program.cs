using System.CommandLine;
using System.Net;
using System.Text;
using Sensor.Channel;

namespace Sensor.Server;

/// <summary>The <c>sensor-server</c> command line: set up a directory, run the server, manage keys, sensors and tasks.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var dir = new Argument<string>("dir") { Description = "the server's state directory" };
        var root = new RootCommand("sensor-server: the server side of the sensor channel (docs/protocol.md)");

        var names = new Option<string[]>("--name")
        {
            Description = "a DNS name or IP address the certificate is for (repeatable)",
            DefaultValueFactory = _ => ["localhost", "127.0.0.1"],
            AllowMultipleArgumentsPerToken = true,
        };
        var init = new Command("init", "create the directory, the TLS key and certificate, and one installation key") { dir, names };
        init.SetAction(result =>
        {
            var directory = new ServerDirectory(result.GetValue(dir)!);
            var (pin, key) = directory.Initialize(result.GetValue(names)!);
            Console.WriteLine($"pin: {pin}");
            Console.WriteLine($"installation key: {key}");
            return 0;
        });
        root.Subcommands.Add(init);

        var listen = new Option<string>("--listen") { Description = "address:port to listen on", DefaultValueFactory = _ => "0.0.0.0:4443" };
        var run = new Command("run", "run the server") { dir, listen };
        run.SetAction(async (result, cancellation) =>
        {
            var directory = new ServerDirectory(result.GetValue(dir)!);
            if (!IPEndPoint.TryParse(result.GetValue(listen)!, out IPEndPoint? endPoint))
            {
                Console.Error.WriteLine($"--listen {result.GetValue(listen)} is not address:port");
                return 2;
            }

            await using var server = new ChannelServer(directory, endPoint, ServerOptions.FromEnvironment(), Log);
            server.Start();
            using var certificate = directory.LoadCertificate();
            Console.WriteLine($"listening on {server.LocalEndPoint} pin {SpkiPin.FromCertificate(certificate)}");
            Console.Out.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellation);
            }
            catch (OperationCanceledException)
            {
            }

            return 0;
        });
        root.Subcommands.Add(run);

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

        var sensors = new Command("sensors", "list enrolled sensors") { dir };
        sensors.SetAction(result =>
        {
            var directory = new ServerDirectory(result.GetValue(dir)!);
            foreach (SensorRecord record in directory.Sensors())
            {
                Console.WriteLine($"{record.Sid} {record.Hostname} {(directory.IsRevoked(record.Sid) ? "revoked" : "active")}");
            }

            return 0;
        });
        root.Subcommands.Add(sensors);

        var investigation = new Option<string>("--investigation") { Description = "the investigation id echoed in the replies", DefaultValueFactory = _ => "" };
        var expiry = new Option<int>("--expiry-seconds") { Description = "how long the task may wait for the sensor", DefaultValueFactory = _ => 3600 };
        var argv = new Argument<string[]>("command") { Description = "the command and its arguments (after --)", Arity = ArgumentArity.OneOrMore };
        var task = new Command("task", "queue a task for a sensor; prints the task id") { dir, sid, investigation, expiry, argv };
        task.SetAction(result =>
        {
            string[] words = result.GetValue(argv)!;
            TaskMessage queued = new ServerDirectory(result.GetValue(dir)!).AddTask(result.GetValue(sid)!, words[0], words[1..],
                Encoding.UTF8.GetBytes(result.GetValue(investigation)!), TimeSpan.FromSeconds(result.GetValue(expiry)));
            Console.WriteLine(Convert.ToHexStringLower(queued.TaskId));
            return 0;
        });
        root.Subcommands.Add(task);

        return root.Parse(args).Invoke();
    }

    private static void Log(string message) => Console.Error.WriteLine($"{DateTimeOffset.UtcNow:O} {message}");
}
