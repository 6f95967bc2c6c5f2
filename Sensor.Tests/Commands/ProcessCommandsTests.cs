using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Sensor.Commands.Processes;
using Sensor.Tests.Support;

namespace Sensor.Tests.Commands;

[Platform("Linux")]
public sealed class ProcessCommandsTests
{
    [Test]
    public void OsSuspendThenResume_Child_StateFollowsInProc()
    {
        using var child = new SecretChild();
        Assert.That(WaitForState(child, 'S'), Is.EqualTo('S'));
        var (sink, context) = RecordingSink.Create();
        OsSuspendCommand.Execute(new OsSuspendCommand { Pid = child.Pid }, context);
        Assert.That(sink.Single().GetProperty("ERROR").GetInt32(), Is.Zero);
        Assert.That(WaitForState(child, 'T'), Is.EqualTo('T'));

        (sink, context) = RecordingSink.Create();
        OsResumeCommand.Execute(new OsResumeCommand { Pid = child.Pid }, context);
        Assert.That(sink.Single().GetProperty("ERROR").GetInt32(), Is.Zero);
        Assert.That(WaitForState(child, 'S'), Is.EqualTo('S'));
    }

    [Test]
    public void OsSuspend_ByAtom_ResolvesTheChild()
    {
        using var child = new SecretChild();
        var (sink, context) = RecordingSink.Create();
        OsProcessesCommand.Execute(new OsProcessesCommand { Pid = child.Pid, IsNoModules = true }, context);
        string atom = sink.Events[0].RootElement.GetProperty("routing").GetProperty("this").GetString()!;
        Assert.That(atom, Does.Match("^[0-9a-f]{32}$"));

        (sink, context) = RecordingSink.Create();
        OsSuspendCommand.Execute(new OsSuspendCommand { ProcessAtom = atom }, context);
        JsonElement ev = sink.Single();
        Assert.That((ev.GetProperty("ERROR").GetInt32(), ev.GetProperty("PROCESS_ID").GetInt32()), Is.EqualTo((0, child.Pid)));
        Assert.That(WaitForState(child, 'T'), Is.EqualTo('T'));
        OsResumeCommand.Execute(new OsResumeCommand { ProcessAtom = atom }, context);
        Assert.That(WaitForState(child, 'S'), Is.EqualTo('S'));
    }

    [Test]
    public void OsSuspend_OneThread_ChecksThreadAndReportsIt()
    {
        using var child = new SecretChild();
        var (sink, context) = RecordingSink.Create();
        OsSuspendCommand.Execute(new OsSuspendCommand { Pid = child.Pid, Tid = child.Pid }, context);
        JsonElement ev = sink.Single();
        Assert.That((ev.GetProperty("ERROR").GetInt32(), ev.GetProperty("THREAD_ID").GetInt32()), Is.EqualTo((0, child.Pid)));
        Assert.That(WaitForState(child, 'T'), Is.EqualTo('T'));

        (sink, context) = RecordingSink.Create();
        OsResumeCommand.Execute(new OsResumeCommand { Pid = child.Pid, Tid = Environment.ProcessId }, context);
        Assert.That(sink.Single().GetProperty("ERROR").GetInt32(), Is.EqualTo(87), "a thread of another process");
    }

    [Test]
    public void OsKillProcess_Child_Dies()
    {
        using var child = new SecretChild();
        var (sink, context) = RecordingSink.Create();
        OsKillProcessCommand.Execute(new OsKillProcessCommand { Pid = child.Pid }, context);
        Assert.That(sink.Single().GetProperty("ERROR").GetInt32(), Is.Zero);
        Assert.That(child.Process.WaitForExit(5000), Is.True);
        Assert.That(child.Process.ExitCode, Is.EqualTo(128 + 9));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void OsKillProcess_SensorItselfOrInit_Error5(bool self)
    {
        var (sink, context) = RecordingSink.Create();
        OsKillProcessCommand.Execute(new OsKillProcessCommand { Pid = self ? Environment.ProcessId : 1 }, context);
        Assert.That(sink.Single().GetProperty("ERROR").GetInt32(), Is.EqualTo(5));
    }

    [Test]
    public void OsKillProcess_NeitherPidNorAtom_Error87()
    {
        var (sink, context) = RecordingSink.Create();
        OsKillProcessCommand.Execute(new OsKillProcessCommand(), context);
        Assert.That(sink.Single().GetProperty("ERROR").GetInt32(), Is.EqualTo(87));
    }

    [Test]
    public void OsProcesses_AllProcesses_AgreesWithPs()
    {
        using var child = new SecretChild();
        Dictionary<int, (int Ppid, string Args)> ps = Ps();
        var (sink, context) = RecordingSink.Create();
        OsProcessesCommand.Execute(new OsProcessesCommand { IsNoModules = true }, context);
        JsonElement ev = sink.Single();
        var listed = ev.GetProperty("PROCESSES").EnumerateArray().ToDictionary(p => p.GetProperty("PROCESS_ID").GetInt32());

        // Every process ps saw that still lives is listed, with the same parent and command line.
        int compared = 0;
        foreach ((int pid, (int ppid, string args)) in ps)
        {
            if (!Directory.Exists($"/proc/{pid}") || !listed.TryGetValue(pid, out JsonElement p))
            {
                continue;
            }

            Assert.That(p.GetProperty("PARENT_PROCESS_ID").GetInt32(), Is.EqualTo(ppid), $"pid {pid}");
            string commandLine = p.GetProperty("COMMAND_LINE").GetString()!;
            if (commandLine.Length > 0)
            {
                // ps drops trailing blanks of the last argument and draws control characters as a blank (newline)
                // or '?'; the reply keeps the kernel's command line exactly as it is.
                Assert.That(AsPsDrawsIt(commandLine).TrimEnd(), Is.EqualTo(args.TrimEnd()), $"pid {pid}");
            }

            compared++;
        }

        Assert.That(compared, Is.GreaterThan(ps.Count / 2));
        JsonElement mine = listed[child.Pid];
        Assert.That(mine.GetProperty("FILE_PATH").GetString(), Is.EqualTo(SecretChild.BinaryPath));
        Assert.That(mine.GetProperty("PARENT_PROCESS_ID").GetInt32(), Is.EqualTo(Environment.ProcessId));
        Assert.That(mine.GetProperty("COMMAND_LINE").GetString(), Is.EqualTo(SecretChild.BinaryPath));
        Assert.That(mine.GetProperty("HASH").GetString(), Is.EqualTo(Sha256Sum(SecretChild.BinaryPath)));
        Assert.That(listed[Environment.ProcessId].GetProperty("FILE_PATH").GetString(), Is.EqualTo(Environment.ProcessPath));
    }

    [Test]
    public void OsProcesses_AllProcesses_UserAndPathAgreeWithProc()
    {
        // What /proc says before and after the listing; a process that changed in between (exec, setuid) is left out.
        Dictionary<int, (long Uid, string Path)> before = ProcView();
        var (sink, context) = RecordingSink.Create();
        OsProcessesCommand.Execute(new OsProcessesCommand { IsNoModules = true }, context);
        Dictionary<int, (long Uid, string Path)> after = ProcView();
        var listed = sink.Single().GetProperty("PROCESSES").EnumerateArray().ToDictionary(p => p.GetProperty("PROCESS_ID").GetInt32());

        int compared = 0;
        foreach ((int pid, (long uid, string path)) in before)
        {
            if (!after.TryGetValue(pid, out var again) || again != (uid, path) || !listed.TryGetValue(pid, out JsonElement p))
            {
                continue;
            }

            Assert.That(p.GetProperty("USER_ID").GetInt64(), Is.EqualTo(uid), $"pid {pid}");
            Assert.That(p.GetProperty("FILE_PATH").GetString(), Is.EqualTo(path), $"pid {pid}");
            compared++;
        }

        Assert.That(compared, Is.GreaterThan(before.Count / 2));
    }

    [Test]
    public void OsProcesses_EventCapReached_ListsAPrefixInPidOrder_AndSaysTruncated()
    {
        var (sink, context) = RecordingSink.Create();
        // Far below what the processes of any host take (a record is 150 to 300 bytes).
        context.Reply.MaxEventBytes = 4 << 10;
        OsProcessesCommand.Execute(new OsProcessesCommand { IsNoModules = true }, context);
        JsonElement ev = sink.Single();
        int[] pids = ev.GetProperty("PROCESSES").EnumerateArray().Select(p => p.GetProperty("PROCESS_ID").GetInt32()).ToArray();
        Assert.That(ev.GetProperty("TRUNCATED").GetBoolean(), Is.True);
        Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.Zero);
        Assert.That(pids, Is.Not.Empty.And.Ordered.Ascending);
        Assert.That(pids[0], Is.EqualTo(1));
    }

    [Test]
    public void OsProcesses_MoreProcessesThanSlots_ListsEveryOneInOrder()
    {
        var (sink, context) = RecordingSink.Create();
        OsProcessesCommand.Execute(new OsProcessesCommand { IsNoModules = true }, context);
        int[] whole = Pids(sink);

        int saved = ProcessListing.MaxSlots;
        int window = Math.Max(2, (whole.Length / 3) - 1); // three windows or more, the last one partial
        ProcessListing.MaxSlots = window;
        try
        {
            (sink, context) = RecordingSink.Create();
            OsProcessesCommand.Execute(new OsProcessesCommand { IsNoModules = true }, context);
        }
        finally
        {
            ProcessListing.MaxSlots = saved;
        }

        int[] windowed = Pids(sink);
        Assert.That(windowed, Is.Ordered.Ascending);
        Assert.That(windowed.Length, Is.GreaterThan(2 * window));
        // Processes come and go between the two listings: most are in both.
        Assert.That(windowed.Intersect(whole).Count(), Is.GreaterThan(whole.Length * 9 / 10));

        static int[] Pids(RecordingSink sink) =>
            sink.Single().GetProperty("PROCESSES").EnumerateArray().Select(p => p.GetProperty("PROCESS_ID").GetInt32()).ToArray();
    }

    [Test]
    public void OsProcesses_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var (_, context) = RecordingSink.Create();
        context.Cancellation = cancellation.Token;
        Assert.Throws<OperationCanceledException>(() => OsProcessesCommand.Execute(new OsProcessesCommand { IsNoModules = true }, context));
    }

    [TestCase(65534, 0)]
    [TestCase(0, 65534)]
    public void OsProcesses_RealAndEffectiveUidDiffer_ReportsTheRealOne(int realUid, int effectiveUid)
    {
        if (Environment.UserName != "root")
        {
            Assert.Ignore("only root can give a child two different uids");
        }

        // The owner of /proc/PID is the effective uid: the listing must not take it for the real one.
        using PythonChild child = PythonChild.Start(
            $"import os, sys; os.setresuid({realUid}, {effectiveUid}, 0); print('READY', flush=True); sys.stdin.read()");
        Assert.That(new DirectoryInfo($"/proc/{child.Pid}").UnixFileMode, Is.Not.EqualTo(default(UnixFileMode)));
        var (sink, context) = RecordingSink.Create();
        OsProcessesCommand.Execute(new OsProcessesCommand { IsNoModules = true }, context);
        JsonElement p = sink.Single().GetProperty("PROCESSES").EnumerateArray().Single(e => e.GetProperty("PROCESS_ID").GetInt32() == child.Pid);
        Assert.That(p.GetProperty("USER_ID").GetInt64(), Is.EqualTo(realUid));
        Assert.That(StatusUids(child.Pid), Is.EqualTo((realUid, effectiveUid)));

        (sink, context) = RecordingSink.Create();
        OsProcessesCommand.Execute(new OsProcessesCommand { Pid = child.Pid, IsNoModules = true }, context);
        Assert.That(sink.Single().GetProperty("PROCESSES")[0].GetProperty("USER_ID").GetInt64(), Is.EqualTo(realUid));
    }

    private static (long Real, long Effective) StatusUids(int pid)
    {
        string[] uids = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal))
            .Split('\t', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(uids[1], CultureInfo.InvariantCulture), long.Parse(uids[2], CultureInfo.InvariantCulture));
    }

    /// <summary>Each live process's real uid (from status) and executable path (the exe link, "" when none).</summary>
    private static Dictionary<int, (long Uid, string Path)> ProcView()
    {
        var view = new Dictionary<int, (long, string)>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }

            try
            {
                long uid = StatusUids(pid).Real;
                string path;
                try
                {
                    path = File.ResolveLinkTarget($"/proc/{pid}/exe", returnFinalTarget: false)?.FullName ?? "";
                }
                catch (IOException)
                {
                    path = ""; // a kernel thread has no executable
                }

                view[pid] = (uid, path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // Gone while read.
            }
        }

        return view;
    }

    [Test]
    public void AsPsDrawsIt_ControlCharacters_MatchPs()
    {
        // The same rendering ps gave for argv[0] "a\tb\nc\x01d\x7fe" on this machine's procps.
        Assert.That(AsPsDrawsIt("a\tb\nc\u0001d\u007fe"), Is.EqualTo("a?b c?d?e"));
    }

    private static string AsPsDrawsIt(string commandLine) =>
        string.Create(commandLine.Length, commandLine, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                char c = source[i];
                span[i] = c == '\n' ? ' ' : char.IsControl(c) ? '?' : c;
            }
        });

    [Test]
    public void OsProcesses_OnePidWithModules_ListsExecutableAndLibc_SecondListingHashesNothing()
    {
        using var child = new SecretChild();
        var (sink, context) = RecordingSink.Create();
        OsProcessesCommand.Execute(new OsProcessesCommand { Pid = child.Pid }, context);
        long hashed = ExecutableHashCache.HashesComputed;
        OsProcessesCommand.Execute(new OsProcessesCommand { Pid = child.Pid }, context);
        Assert.That(ExecutableHashCache.HashesComputed, Is.EqualTo(hashed));

        JsonElement p = sink.Events[0].RootElement.GetProperty("event").GetProperty("PROCESSES").EnumerateArray().Single();
        var modules = p.GetProperty("MODULES").EnumerateArray().ToList();
        Assert.That(modules.Select(m => m.GetProperty("FILE_PATH").GetString()), Does.Contain(SecretChild.BinaryPath));
        Assert.That(modules.Select(m => m.GetProperty("MODULE_NAME").GetString()), Has.Some.StartWith("libc"));
        Assert.That(modules.All(m => m.GetProperty("PROCESS_ID").GetInt32() == child.Pid), Is.True);
        JsonElement routing = sink.Events[0].RootElement.GetProperty("routing");
        Assert.That(routing.GetProperty("parent").GetString(), Has.Length.EqualTo(32));
    }

    private static char WaitForState(SecretChild child, char wanted)
    {
        char state = child.ReadState();
        for (int i = 0; i < 100 && state != wanted; i++)
        {
            Thread.Sleep(20);
            state = child.ReadState();
        }

        return state;
    }

    private static Dictionary<int, (int, string)> Ps()
    {
        using var ps = Process.Start(new ProcessStartInfo("ps", ["-eo", "pid=,ppid=,args="]) { RedirectStandardOutput = true })!;
        var result = new Dictionary<int, (int, string)>();
        while (ps.StandardOutput.ReadLine() is { } line)
        {
            string[] parts = line.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3 && int.Parse(parts[0]) != ps.Id)
            {
                result[int.Parse(parts[0])] = (int.Parse(parts[1]), parts[2].TrimEnd());
            }
        }

        ps.WaitForExit();
        return result;
    }

    private static string Sha256Sum(string path)
    {
        using var sha = Process.Start(new ProcessStartInfo("sha256sum", [path]) { RedirectStandardOutput = true })!;
        string output = sha.StandardOutput.ReadToEnd();
        sha.WaitForExit();
        return output.Split(' ')[0];
    }
}
