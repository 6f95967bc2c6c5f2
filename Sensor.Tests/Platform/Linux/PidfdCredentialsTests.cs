using Sensor.Platform.Linux.Processes;

namespace Sensor.Tests.Platform.Linux;

public sealed class PidfdCredentialsTests
{
    [Test]
    public void TryParseRealUserId_CredsInMask_ReadsRuid()
    {
        byte[] info = new byte[PidfdCredentials.InfoSize];
        info[0] = 0b11; // PIDFD_INFO_PID | PIDFD_INFO_CREDS
        BitConverter.TryWriteBytes(info.AsSpan(28), 1000u); // ruid
        BitConverter.TryWriteBytes(info.AsSpan(36), 0u); // euid
        Assert.That(PidfdCredentials.TryParseRealUserId(info, out uint ruid), Is.True);
        Assert.That(ruid, Is.EqualTo(1000u));
    }

    [Test]
    public void TryParseRealUserId_NoCredsInMask_False()
    {
        byte[] info = new byte[PidfdCredentials.InfoSize];
        info[0] = 0b01; // PIDFD_INFO_PID only
        BitConverter.TryWriteBytes(info.AsSpan(28), 1000u);
        Assert.That(PidfdCredentials.TryParseRealUserId(info, out _), Is.False);
        Assert.That(PidfdCredentials.TryParseRealUserId(info.AsSpan(0, 16), out _), Is.False, "too short");
    }

    [Test]
    [Platform("Linux")]
    public void TryGetRealUserId_ThisProcess_MatchesStatus()
    {
        // A kernel before 6.13 has no PIDFD_GET_INFO: then there is nothing to compare (the status file is read).
        if (!PidfdCredentials.TryGetRealUserId(Environment.ProcessId, out uint ruid))
        {
            Assert.Ignore("this kernel cannot answer PIDFD_GET_INFO");
        }

        string uidLine = File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        Assert.That(ruid, Is.EqualTo(uint.Parse(uidLine.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    [Platform("Linux")]
    public void TryGetRealUserId_NoSuchProcess_False() =>
        Assert.That(PidfdCredentials.TryGetRealUserId(int.MaxValue, out _), Is.False);
}
