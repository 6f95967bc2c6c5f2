using Sensor.Platform;
using Sensor.Platform.Linux;

namespace Sensor.Tests.Platform.Linux;

[Platform("Linux")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LinuxHostSchedulingTests
{
    private static int Nice(int tid)
    {
        string stat = File.ReadAllText($"/proc/self/task/{tid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19 - 3]);
    }

    [Test]
    public void SetCurrentThreadBackground_OnAndOff_OnlyThatThreadsNiceChanges()
    {
        int tid = 0, during = -1, after = -1, first = -1, second = -1;
        var thread = new Thread(() =>
        {
            tid = int.Parse(File.ReadAllText("/proc/thread-self/stat").Split(' ')[0]);
            first = LinuxHost.SetCurrentThreadBackground(true);
            during = Nice(tid);
            second = LinuxHost.SetCurrentThreadBackground(false);
            after = Nice(tid);
        });
        thread.Start();
        thread.Join();

        Assert.That((first, second), Is.EqualTo((ErrorCodes.Success, ErrorCodes.Success)));
        Assert.That(during, Is.EqualTo(LinuxHost.BackgroundNice));
        Assert.That(after, Is.Zero);
        Assert.That(Nice(Environment.ProcessId), Is.Zero, "the process's main thread is untouched");
    }
}
