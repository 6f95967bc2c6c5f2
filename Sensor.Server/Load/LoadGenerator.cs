using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Sensor.Agent;
using Sensor.Channel;
using Sensor.Platform;
using Sensor.Server.Cli;
using Sensor.Server.Http;

namespace Sensor.Server.Load;

/// <summary>
/// <c>sensor-server load</c> (bench/load.sh): one server and N simulated sensors in this one process, speaking the real
/// protocol over real TLS on loopback (each sensor is the real <see cref="ChannelAgent"/>, with commands that answer
/// at once). Enrolls and connects them all, then for each round sends one task to every sensor through the HTTP API
/// (the real path: shell-words, validation, the disk queue) and times each task from the POST to its reply reaching
/// the event hub, i.e. written and fsynced. Prints one JSON object of results.
/// </summary>
public static class LoadGenerator
{
    public static Command Verb()
    {
        var sensors = new Option<int>("--sensors") { DefaultValueFactory = _ => 100 };
        var rounds = new Option<int>("--rounds") { DefaultValueFactory = _ => 3 };
        var concurrency = new Option<int>("--concurrency") { Description = "API requests in flight", DefaultValueFactory = _ => 32 };
        var timeout = new Option<int>("--timeout") { Description = "seconds per phase", DefaultValueFactory = _ => 120 };
        var verb = new Command("load", "load test: a server and N simulated sensors in this process over real TLS (bench/load.sh)")
        {
            sensors, rounds, concurrency, timeout,
        };
        verb.SetAction(async (result, cancellation) =>
            await RunAsync(result.GetValue(sensors), result.GetValue(rounds), result.GetValue(concurrency), result.GetValue(timeout), cancellation));
        return verb;
    }

    public static async Task<int> RunAsync(int count, int rounds, int concurrency, int timeoutSeconds, CancellationToken cancellation)
    {
        string root = Directory.CreateTempSubdirectory("sensor-load-").FullName;
        var log = new ConcurrentQueue<string>();
        var agents = new List<(ChannelAgent Agent, Task Run)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        ServerHost? host = null;
        try
        {
            var directory = new ServerDirectory(Path.Combine(root, "server"));
            var (pin, key) = directory.Initialize(["localhost", "127.0.0.1"]);
            host = await ServerHost.StartAsync(directory, new IPEndPoint(IPAddress.Loopback, 0), new IPEndPoint(IPAddress.Loopback, 0), false,
                new ServerOptions(), log.Enqueue);
            long serverOnlyRss = Rss();
            int port = host.Channel.LocalEndPoint.Port;
            var commands = new LoadTaskCommands();

            var clock = Stopwatch.StartNew();
            for (int i = 0; i < count; i++)
            {
                var config = new AgentConfig
                {
                    Host = "127.0.0.1",
                    Port = port,
                    ServerName = "localhost",
                    Pins = new PinSet(pin, null),
                    InstallationKey = key,
                    StateDirectory = Path.Combine(root, "sensors", i.ToString(CultureInfo.InvariantCulture)),
                    QueueMaxEvents = 256,
                    Workers = 1,
                    UrgentWorkers = 1,
                    BackoffMin = TimeSpan.FromMilliseconds(200),
                    BackoffMax = TimeSpan.FromSeconds(5),
                    HandshakeTimeout = TimeSpan.FromSeconds(30),
                    ConnectTimeout = TimeSpan.FromSeconds(30),
                };
                var agent = new ChannelAgent(config, commands, OsFamily.Linux, 0x20000000, 2, _ => { });
                agents.Add((agent, Task.Run(() => agent.RunAsync(stop.Token), CancellationToken.None)));
                if (i % 50 == 49)
                {
                    await WaitAsync(() => agents.Count(a => a.Agent.Sid is not null && host.Registry.IsConnected(a.Agent.Sid)) >= i - 25,
                        timeoutSeconds, "connections").ConfigureAwait(false);
                }
            }

            await WaitAsync(() => agents.All(a => a.Agent.Sid is not null && host.Registry.IsConnected(a.Agent.Sid)), timeoutSeconds, "all connections")
                .ConfigureAwait(false);
            double connectSeconds = clock.Elapsed.TotalSeconds;
            long connectedRss = Rss();

            using ApiClient client = new(host.Api!.Address, ApiToken.Load(directory.Root));
            var latencies = new List<double>();
            double taskSeconds = 0;
            long eventsBefore = host.Channel.Events.Written;
            for (int round = 0; round < rounds; round++)
            {
                string investigation = $"load/{round}";
                var started = new ConcurrentDictionary<string, long>();
                var done = new ConcurrentDictionary<string, double>();
                using EventHub.Subscription stream = host.Hub.Subscribe(null, investigation);
                Task collector = Task.Run(async () =>
                {
                    await foreach (byte[] line in stream.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
                    {
                        long now = Stopwatch.GetTimestamp();
                        using JsonDocument document = JsonDocument.Parse(line);
                        JsonElement routing = document.RootElement.GetProperty("routing");
                        if (routing.GetProperty("event_type").GetString() == ReplyCompletion.Receipt)
                        {
                            continue;
                        }

                        string sid = routing.GetProperty("sid").GetString()!;
                        if (started.TryGetValue(sid, out long t0))
                        {
                            done.TryAdd(sid, Stopwatch.GetElapsedTime(t0, now).TotalMilliseconds);
                        }

                        if (done.Count == count)
                        {
                            return;
                        }
                    }
                }, CancellationToken.None);

                var roundClock = Stopwatch.StartNew();
                await Parallel.ForEachAsync(agents, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = stop.Token },
                    async (a, token) =>
                    {
                        started[a.Agent.Sid!] = Stopwatch.GetTimestamp();
                        var (accepted, refused) = await client.SendTaskAsync(a.Agent.Sid!,
                            new TaskRequest { Task = "file_info /etc/hostname", InvestigationId = investigation, Ttl = 600 }, token).ConfigureAwait(false);
                        if (accepted is null)
                        {
                            throw new InvalidOperationException($"task refused: {refused?.Error}");
                        }
                    }).ConfigureAwait(false);
                double submitSeconds = roundClock.Elapsed.TotalSeconds;
                if (await Task.WhenAny(collector, Task.Delay(TimeSpan.FromSeconds(timeoutSeconds), stop.Token)).ConfigureAwait(false) != collector)
                {
                    Console.Error.WriteLine($"round {round}: only {done.Count} of {count} replies within {timeoutSeconds} s");
                }

                taskSeconds += roundClock.Elapsed.TotalSeconds;
                latencies.AddRange(done.Values);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}: {done.Count}/{count} replies in {roundClock.Elapsed.TotalSeconds:0.00} s (submitted in {submitSeconds:0.00} s), p50 {Percentile(done.Values, 0.5):0} ms, p99 {Percentile(done.Values, 0.99):0} ms"));
            }

            long events = host.Channel.Events.Written - eventsBefore;
            var process = Process.GetCurrentProcess();
            var output = new MemoryStream();
            using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteNumber("sensors", count);
                json.WriteNumber("connections_held", host.Registry.List().Count(s => s.Connected));
                json.WriteNumber("connect_seconds", Math.Round(connectSeconds, 2));
                json.WriteNumber("rounds", rounds);
                json.WriteNumber("tasks_answered", latencies.Count);
                json.WriteNumber("events_written", events);
                json.WriteNumber("events_per_second", Math.Round(events / taskSeconds, 1));
                json.WriteNumber("round_trip_p50_ms", Math.Round(Percentile(latencies, 0.5), 1));
                json.WriteNumber("round_trip_p99_ms", Math.Round(Percentile(latencies, 0.99), 1));
                json.WriteNumber("round_trip_max_ms", Math.Round(latencies.Count == 0 ? 0 : latencies.Max(), 1));
                json.WriteNumber("rss_server_only_mib", serverOnlyRss / 1048576);
                json.WriteNumber("rss_connected_mib", connectedRss / 1048576);
                json.WriteNumber("rss_peak_mib", PeakRss() / 1048576);
                json.WriteNumber("managed_heap_mib", GC.GetTotalMemory(false) / 1048576);
                json.WriteNumber("threads", process.Threads.Count);
                json.WriteNumber("cpu_seconds", Math.Round(process.TotalProcessorTime.TotalSeconds, 1));
                json.WriteNumber("processor_count", Environment.ProcessorCount);
                json.WriteEndObject();
            }

            Console.WriteLine(System.Text.Encoding.UTF8.GetString(output.ToArray()));
            return latencies.Count == count * rounds ? 0 : 1;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var (agent, run) in agents)
            {
                try
                {
                    await run.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or TimeoutException)
                {
                }

                await agent.DisposeAsync().ConfigureAwait(false);
            }

            if (host is not null)
            {
                await host.DisposeAsync().ConfigureAwait(false);
            }

            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task WaitAsync(Func<bool> condition, int timeoutSeconds, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed.TotalSeconds > timeoutSeconds)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    private static double Percentile(IEnumerable<double> values, double p)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private static long Rss() => StatusField("VmRSS:");

    private static long PeakRss() => StatusField("VmHWM:");

    private static long StatusField(string name)
    {
        if (!OperatingSystem.IsLinux())
        {
            return Environment.WorkingSet;
        }

        string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.AsSpan(name.Length).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
    }
}
