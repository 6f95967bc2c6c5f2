using System.Text.Json;
using System.Text.RegularExpressions;
using Sensor.Commands.Network;
using Sensor.Tests.Support;

namespace Sensor.Tests.Commands.Network;

[Platform("Linux")]
public sealed partial class NetstatCommandTests
{
    // Opens, on v4 and v6 loopback: a TCP listener, a client connected to it and the accepted socket, a bound UDP
    // socket and a UDP socket connected to it; prints what it opened as JSON, then waits.
    private const string SocketScript = """
        import socket, sys, json
        socks, out = [], []
        def add(s, proto):
            socks.append(s)
            l = s.getsockname()
            try:
                r = s.getpeername()
            except OSError:
                r = None
            out.append({"proto": proto, "lip": l[0], "lport": l[1], "rip": r[0] if r else None, "rport": r[1] if r else 0})
        for fam, host, v in ((socket.AF_INET, "127.0.0.1", "4"), (socket.AF_INET6, "::1", "6")):
            ls = socket.socket(fam, socket.SOCK_STREAM); ls.bind((host, 0)); ls.listen(); add(ls, "tcp" + v)
            c = socket.socket(fam, socket.SOCK_STREAM); c.connect(ls.getsockname()[:2]); add(c, "tcp" + v)
            a, _ = ls.accept(); add(a, "tcp" + v)
            u = socket.socket(fam, socket.SOCK_DGRAM); u.bind((host, 0)); add(u, "udp" + v)
            uc = socket.socket(fam, socket.SOCK_DGRAM); uc.connect(u.getsockname()[:2]); add(uc, "udp" + v)
        print(json.dumps(out), flush=True)
        sys.stdin.read()
        """;

    [Test]
    public void Execute_ChildWithTcpAndUdpSockets_ReportsEverySocketWithChildPid()
    {
        using PythonChild child = PythonChild.Start(SocketScript);
        JsonElement[] expected = JsonDocument.Parse(child.ReadyLine).RootElement.EnumerateArray().ToArray();
        Assert.That(expected, Has.Length.EqualTo(10));

        JsonElement[] reported = RunNetstat();

        foreach (JsonElement socket in expected)
        {
            string protocol = socket.GetProperty("proto").GetString()!;
            bool v6 = protocol.EndsWith('6');
            string localIp = socket.GetProperty("lip").GetString()!;
            int localPort = socket.GetProperty("lport").GetInt32();
            string remoteIp = socket.GetProperty("rip").GetString() ?? (v6 ? "::" : "0.0.0.0");
            int remotePort = socket.GetProperty("rport").GetInt32();
            JsonElement[] matches = reported.Where(r =>
                r.GetProperty("PROTOCOL").GetString() == protocol
                && r.GetProperty("SOURCE").GetProperty("IP_ADDRESS").GetString() == localIp
                && r.GetProperty("SOURCE").GetProperty("PORT").GetInt32() == localPort
                && r.GetProperty("DESTINATION").GetProperty("IP_ADDRESS").GetString() == remoteIp
                && r.GetProperty("DESTINATION").GetProperty("PORT").GetInt32() == remotePort).ToArray();
            string what = $"{protocol} {localIp}:{localPort} -> {remoteIp}:{remotePort}";
            Assert.That(matches, Has.Length.EqualTo(1), what);
            JsonElement match = matches[0];
            Assert.That(match.GetProperty("PROCESS_ID").GetInt32(), Is.EqualTo(child.Pid), what);
            if (protocol.StartsWith("tcp", StringComparison.Ordinal))
            {
                int state = remotePort == 0 ? 2 : 5; // LISTEN, ESTABLISHED
                Assert.That(match.GetProperty("STATE").GetInt32(), Is.EqualTo(state), what);
            }
            else
            {
                Assert.That(match.TryGetProperty("STATE", out _), Is.False, what + ": UDP has no STATE");
            }
        }
    }

    [Test]
    public void Execute_ChildSockets_AgreeWithSs()
    {
        using PythonChild child = PythonChild.Start(SocketScript);
        JsonElement[] reported = RunNetstat();
        string ss = ToolOutput.Run("ss", "-tuanpH");

        var fromSs = new HashSet<string>();
        foreach (string line in ss.Split('\n'))
        {
            if (!line.Contains($"pid={child.Pid},", StringComparison.Ordinal))
            {
                continue;
            }

            string[] columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            fromSs.Add($"{columns[0]} {Endpoint(columns[4])} {Endpoint(columns[5])}");
        }

        var ours = new HashSet<string>(reported
            .Where(r => r.GetProperty("PROCESS_ID").GetInt32() == child.Pid)
            .Select(r => $"{r.GetProperty("PROTOCOL").GetString()![..3]} "
                + $"{r.GetProperty("SOURCE").GetProperty("IP_ADDRESS").GetString()}:{r.GetProperty("SOURCE").GetProperty("PORT").GetInt32()} "
                + $"{r.GetProperty("DESTINATION").GetProperty("IP_ADDRESS").GetString()}:{r.GetProperty("DESTINATION").GetProperty("PORT").GetInt32()}"));

        Assert.That(fromSs, Has.Count.EqualTo(10), ss);
        Assert.That(ours, Is.EquivalentTo(fromSs));
    }

    [Test]
    public void Execute_AllSockets_EverySsSocketWithOwnerIsAttributed()
    {
        // Sockets present in both views, held by a process in ss's view, must carry one of ss's pids in ours. The
        // machine is shared, so sockets that appear or vanish between the two reads are not compared.
        JsonElement[] reported = RunNetstat();
        string ss = ToolOutput.Run("ss", "-tuanpH");
        var ourPid = new Dictionary<string, int>();
        foreach (JsonElement r in reported)
        {
            string key = $"{r.GetProperty("PROTOCOL").GetString()![..3]} "
                + $"{r.GetProperty("SOURCE").GetProperty("IP_ADDRESS").GetString()}:{r.GetProperty("SOURCE").GetProperty("PORT").GetInt32()} "
                + $"{r.GetProperty("DESTINATION").GetProperty("IP_ADDRESS").GetString()}:{r.GetProperty("DESTINATION").GetProperty("PORT").GetInt32()}";
            ourPid[key] = r.GetProperty("PROCESS_ID").GetInt32();
        }

        int compared = 0;
        foreach (string line in ss.Split('\n'))
        {
            MatchCollection pids = PidPattern().Matches(line);
            if (pids.Count == 0)
            {
                continue;
            }

            string[] columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string key = $"{columns[0]} {Endpoint(columns[4])} {Endpoint(columns[5])}";
            if (ourPid.TryGetValue(key, out int pid))
            {
                compared++;
                Assert.That(pids.Select(m => int.Parse(m.Groups[1].Value)), Does.Contain(pid), line);
            }
        }

        Assert.That(compared, Is.GreaterThan(0));
    }

    [Test]
    public void Execute_ProcessesExitingDuringWalk_NoErrorAndListenerStillAttributed()
    {
        // A child that keeps a listener and forks short-lived children (each with a socket) as fast as it can, so
        // processes and descriptors vanish while /proc is being walked.
        const string churn = """
            import os, socket, sys, threading
            ls = socket.socket(); ls.bind(("127.0.0.1", 0)); ls.listen()
            def churn():
                while True:
                    pid = os.fork()
                    if pid == 0:
                        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); os._exit(0)
                    os.waitpid(pid, 0)
            threading.Thread(target=churn, daemon=True).start()
            print(ls.getsockname()[1], flush=True)
            sys.stdin.read()
            """;
        using PythonChild child = PythonChild.Start(churn);
        int port = int.Parse(child.ReadyLine);
        for (int i = 0; i < 10; i++)
        {
            JsonElement[] reported = RunNetstat();
            JsonElement listener = reported.Single(r => r.GetProperty("PROTOCOL").GetString() == "tcp4"
                && r.GetProperty("SOURCE").GetProperty("PORT").GetInt32() == port);
            Assert.That(listener.GetProperty("PROCESS_ID").GetInt32(), Is.EqualTo(child.Pid));
        }
    }

    [Test]
    public void Execute_ChildWithMoreSocketsThanOneDirectoryRead_AttributesEveryOne()
    {
        // 3,000 descriptors are several getdents batches of /proc/PID/fd, which the walkers share out.
        using PythonChild child = PythonChild.Start(ManyUdpSockets(3000));
        HashSet<int> ports = child.ReadyLine.Split(' ').Select(int.Parse).ToHashSet();
        Assert.That(ports, Has.Count.EqualTo(3000));

        Dictionary<int, int> owners = RunNetstat()
            .Where(r => r.GetProperty("PROTOCOL").GetString() == "udp4" && r.GetProperty("SOURCE").GetProperty("IP_ADDRESS").GetString() == "127.0.0.1")
            .ToDictionary(r => r.GetProperty("SOURCE").GetProperty("PORT").GetInt32(), r => r.GetProperty("PROCESS_ID").GetInt32());
        Assert.That(ports.Where(p => !owners.TryGetValue(p, out int pid) || pid != child.Pid), Is.Empty);
    }

    [Test]
    public void Execute_SocketSharedByParentAndForkedChild_AttributedToTheParent()
    {
        const string shared = """
            import os, socket, sys
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0))
            pid = os.fork()
            if pid == 0:
                sys.stdin.read(); os._exit(0)
            print(s.getsockname()[1], pid, flush=True)
            sys.stdin.read()
            os.kill(pid, 9)
            """;
        using PythonChild child = PythonChild.Start(shared);
        string[] parts = child.ReadyLine.Split(' ');
        int port = int.Parse(parts[0]);
        Assume.That(int.Parse(parts[1]), Is.GreaterThan(child.Pid), "pids wrapped around: the forked child has the lower pid");
        JsonElement socket = RunNetstat().Single(r => r.GetProperty("PROTOCOL").GetString() == "udp4"
            && r.GetProperty("SOURCE").GetProperty("PORT").GetInt32() == port);
        Assert.That(socket.GetProperty("PROCESS_ID").GetInt32(), Is.EqualTo(child.Pid));
    }

    [Test]
    public void Execute_EventCapReached_ReportsTruncatedAndSkipped()
    {
        using PythonChild child = PythonChild.Start(ManyUdpSockets(1500));
        var (sink, context) = RecordingSink.Create();
        // 64 KiB: the event buffer's first size, so the cap holds to the byte.
        context.Reply.MaxEventBytes = 64 << 10;
        NetstatCommand.Execute(new NetstatCommand(), context);
        JsonElement ev = sink.Single();
        int listed = ev.GetProperty("NETWORK_ACTIVITY").GetArrayLength();
        int total = RunNetstat().Length;
        Assert.That(ev.GetProperty("TRUNCATED").GetBoolean(), Is.True);
        Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.Zero);
        Assert.That(listed + ev.GetProperty("SKIPPED_COUNT").GetInt32(), Is.EqualTo(total).Within(total / 10));
    }

    /// <summary>A script holding <paramref name="count"/> bound UDP sockets; it prints their ports.</summary>
    private static string ManyUdpSockets(int count) => $$"""
        import resource, socket, sys
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, {{count + 1000}}), hard))
        socks = []
        for i in range({{count}}):
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); socks.append(s)
        print(" ".join(str(s.getsockname()[1]) for s in socks), flush=True)
        sys.stdin.read()
        """;

    private static JsonElement[] RunNetstat()
    {
        var (sink, context) = RecordingSink.Create();
        NetstatCommand.Execute(new NetstatCommand(), context);
        JsonElement ev = sink.Single();
        Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.Zero);
        Assert.That(ev.GetProperty("FRIENDLY").GetInt32(), Is.Zero);
        return ev.GetProperty("NETWORK_ACTIVITY").EnumerateArray().ToArray();
    }

    /// <summary>ss's <c>[::1]:80</c>, <c>0.0.0.0:*</c>, <c>[::]:*</c> as <c>address:port</c> with port 0 for <c>*</c>.</summary>
    private static string Endpoint(string ssEndpoint)
    {
        int colon = ssEndpoint.LastIndexOf(':');
        string address = ssEndpoint[..colon].Trim('[', ']');
        int percent = address.IndexOf('%');
        if (percent >= 0)
        {
            address = address[..percent];
        }

        string port = ssEndpoint[(colon + 1)..];
        if (address == "*")
        {
            address = "0.0.0.0";
        }

        return $"{address}:{(port == "*" ? "0" : port)}";
    }

    [GeneratedRegex(@"pid=(\d+),")]
    private static partial Regex PidPattern();
}
