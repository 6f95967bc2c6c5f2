using System.CommandLine;
using System.Net;
using System.Text;
using System.Text.Json;
using Sensor.Agent;
using Sensor.Channel;
using Sensor.Server.Http;
using Sensor.Server.Registry;

namespace Sensor.Server.Cli;

/// <summary>
/// The verbs of the server product: <c>init</c>, <c>run</c>, and the API clients <c>sensors</c>, <c>task</c> and
/// <c>console</c> (docs/server.md). The API clients find the server through <c>--dir</c> (default
/// <c>$SENSOR_SERVER_DIR</c>, else <c>.run/server</c>).
/// </summary>
public static class ServerVerbs
{
    public const string DefaultSensorListen = "0.0.0.0:4443";
    public const string DefaultApiListen = "127.0.0.1:4480";

    public static Command InitVerb(Argument<string> dir)
    {
        var names = new Option<string[]>("--name")
        {
            Description = "a DNS name or IP address the certificate is for (repeatable)",
            DefaultValueFactory = _ => ["localhost", "127.0.0.1"],
            AllowMultipleArgumentsPerToken = true,
        };
        var address = new Option<string>("--address") { Description = "host:port the sensors connect to (goes into the printed configuration)", DefaultValueFactory = _ => "127.0.0.1:4443" };
        var stateDir = new Option<string>("--sensor-state-dir") { Description = "the sensor's state directory in the printed configuration", DefaultValueFactory = _ => "/var/lib/sensor" };
        var configOut = new Option<string?>("--config-out") { Description = "also write the sensor configuration to this file (mode 0600)" };
        var init = new Command("init", "create the directory (TLS key and certificate, one installation key, the API token) and print the sensor configuration")
        {
            dir, names, address, stateDir, configOut,
        };
        init.SetAction(result =>
        {
            var directory = new ServerDirectory(result.GetValue(dir)!);
            string[] certificateNames = result.GetValue(names)!;
            var (pin, key) = directory.Initialize(certificateNames);
            ApiToken.LoadOrCreate(directory.Root);
            string server = result.GetValue(address)!;
            string host = server[..Math.Max(0, server.LastIndexOf(':'))].Trim('[', ']');
            string serverName = certificateNames.Contains(host) ? host : certificateNames[0];
            byte[] config = SensorConfiguration(server, serverName, pin, key, result.GetValue(stateDir)!);
            if (result.GetValue(configOut) is { } path)
            {
                AtomicFile.Write(path, config);
            }

            Console.Error.WriteLine($"# {directory.Root} is ready; the API token is in {ApiToken.PathIn(directory.Root)}.");
            Console.Error.WriteLine("# The sensor configuration (save as sensor.json, then: sensor run --config sensor.json):");
            Console.Out.Write(Encoding.UTF8.GetString(config));
            return 0;
        });
        return init;
    }

    public static byte[] SensorConfiguration(string server, string serverName, SpkiPin pin, string installationKey, string stateDirectory)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("server", server);
            json.WriteString("server_name", serverName);
            json.WriteStartArray("pins");
            json.WriteStringValue(pin.ToString());
            json.WriteEndArray();
            json.WriteString("installation_key", installationKey);
            json.WriteString("state_dir", stateDirectory);
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    public static Command RunVerb(Argument<string> dir, Action<string> log)
    {
        var listen = new Option<string>("--listen") { Description = "address:port the sensors connect to", DefaultValueFactory = _ => DefaultSensorListen };
        var apiListen = new Option<string>("--api-listen") { Description = "address:port of the HTTP API (loopback unless --api-allow-remote)", DefaultValueFactory = _ => DefaultApiListen };
        var allowRemote = new Option<bool>("--api-allow-remote") { Description = "let the API listen on a non-loopback address" };
        var run = new Command("run", "run the server: the sensor channel and the HTTP API") { dir, listen, apiListen, allowRemote };
        run.SetAction(async (result, cancellation) =>
        {
            var directory = new ServerDirectory(result.GetValue(dir)!);
            if (!IPEndPoint.TryParse(result.GetValue(listen)!, out IPEndPoint? endPoint))
            {
                Console.Error.WriteLine($"--listen {result.GetValue(listen)} is not address:port");
                return 2;
            }

            if (!IPEndPoint.TryParse(result.GetValue(apiListen)!, out IPEndPoint? apiEndPoint))
            {
                Console.Error.WriteLine($"--api-listen {result.GetValue(apiListen)} is not address:port");
                return 2;
            }

            ServerHost host;
            try
            {
                host = await ServerHost.StartAsync(directory, endPoint, apiEndPoint, result.GetValue(allowRemote), ServerOptions.FromEnvironment(), log);
            }
            catch (Exception e) when (e is ArgumentException or IOException)
            {
                Console.Error.WriteLine($"cannot start: {e.Message}");
                return 1;
            }

            await using (host)
            {
                using var certificate = directory.LoadCertificate();
                Console.WriteLine($"listening on {host.Channel.LocalEndPoint} pin {SpkiPin.FromCertificate(certificate)}");
                Console.WriteLine($"api on {host.Api!.Address}");
                Console.Out.Flush();
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellation);
                }
                catch (OperationCanceledException)
                {
                }
            }

            return 0;
        });
        return run;
    }

    public static Option<string> DirOption() => new("--dir", "-d")
    {
        Description = "the server directory (default $SENSOR_SERVER_DIR, else .run/server)",
        DefaultValueFactory = _ => ApiClient.DefaultDirectory(),
    };

    public static Command SensorsVerb()
    {
        var dir = DirOption();
        var legacyDir = new Argument<string?>("dir") { Description = "the server directory (same as --dir)", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string>("--output", "-o") { Description = "json or table", DefaultValueFactory = _ => "table" };
        output.AcceptOnlyFromAmong("json", "table");
        var sensors = new Command("sensors", "list the registry of sensors (through the running server's API)") { legacyDir, dir, output };
        sensors.SetAction(async (result, cancellation) => await Guarded(async () =>
        {
            using ApiClient client = ApiClient.ForDirectory(result.GetValue(legacyDir) ?? result.GetValue(dir)!);
            List<SensorInfo> list = await client.SensorsAsync(cancellation);
            if (result.GetValue(output) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(list, ApiJsonContext.Default.ListSensorInfo));
            }
            else
            {
                Console.Write(SensorTable.Render(list, DateTimeOffset.UtcNow));
            }

            return 0;
        }));
        return sensors;
    }

    public static Command TaskVerb()
    {
        var dir = DirOption();
        var words = new Argument<string[]>("sid-and-task")
        {
            Description = "SID \"COMMAND LINE\" (split like a shell would); or the offline form DIR SID -- COMMAND ARGS...",
            Arity = ArgumentArity.OneOrMore,
        };
        var wait = new Option<bool>("--wait", "-w") { Description = "print the replies as JSON lines (receipt skipped) until the reply or its completion arrives" };
        var timeout = new Option<int>("--timeout") { Description = "seconds to wait with --wait", DefaultValueFactory = _ => 60 };
        var investigation = new Option<string?>("--investigation", "--investigation-id") { Description = "the investigation id echoed in the replies" };
        var ttl = new Option<int?>("--ttl", "--expiry-seconds") { Description = "seconds the task may wait for its sensor (default 3600)" };
        var task = new Command("task", "send a task to a sensor (validated against the command table first)") { words, dir, wait, timeout, investigation, ttl };
        task.SetAction(async (result, cancellation) => await Guarded(async () =>
        {
            string[] given = result.GetValue(words)!;
            if (given.Length >= 3 && File.Exists(Path.Combine(given[0], "server.pfx")))
            {
                return QueueOffline(given, result.GetValue(investigation), result.GetValue(ttl));
            }

            if (given.Length != 2)
            {
                Console.Error.WriteLine("usage: sensor-server task SID \"COMMAND [ARGUMENTS]\" [--wait] [--timeout S] [--investigation ID] [--ttl S] [--dir DIR]");
                return 2;
            }

            using ApiClient client = ApiClient.ForDirectory(result.GetValue(dir)!);
            return await RemoteTask.RunAsync(client, given[0], given[1], result.GetValue(investigation), result.GetValue(ttl),
                result.GetValue(wait), result.GetValue(timeout), Console.Out, Console.Error, cancellation);
        }));
        return task;
    }

    public static Command ConsoleVerb()
    {
        var dir = DirOption();
        var sid = new Argument<string?>("sid") { Description = "the sensor to task (default: the only one)", Arity = ArgumentArity.ZeroOrOne };
        var timeout = new Option<int>("--timeout") { Description = "seconds to wait for each task's reply", DefaultValueFactory = _ => 120 };
        var console = new Command("console", "read task lines from standard input and print each one's replies") { sid, dir, timeout };
        console.SetAction(async (result, cancellation) => await Guarded(async () =>
        {
            using ApiClient client = ApiClient.ForDirectory(result.GetValue(dir)!);
            return await TaskConsole.RunAsync(client, result.GetValue(sid), result.GetValue(timeout), Console.In, Console.Out, Console.Error,
                !Console.IsInputRedirected, cancellation);
        }));
        return console;
    }

    /// <summary>The offline form kept from the channel work: queue straight into the directory (the server may be down).</summary>
    private static int QueueOffline(string[] given, string? investigation, int? ttl)
    {
        var directory = new ServerDirectory(given[0]);
        if (Sensor.Commands.CommandTable.Validate(given[2], given[3..]) is { } error)
        {
            Console.Error.WriteLine($"task refused: {error}");
            if (Sensor.Commands.CommandTable.Find(given[2]) is { } descriptor)
            {
                Console.Error.WriteLine(descriptor.Usage);
            }

            return 2;
        }

        TaskMessage queued = directory.AddTask(given[1], given[2], given[3..], Encoding.UTF8.GetBytes(investigation ?? ""),
            TimeSpan.FromSeconds(ttl ?? 3600));
        Console.WriteLine(Convert.ToHexStringLower(queued.TaskId));
        return 0;
    }

    private static async Task<int> Guarded(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (CliException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
