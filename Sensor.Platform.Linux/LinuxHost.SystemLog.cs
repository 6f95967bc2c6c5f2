using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Sensor.Platform.Logging;

namespace Sensor.Platform.Linux;

/// <summary>
/// The journal, without libsystemd: systemd sets <c>JOURNAL_STREAM=DEV:INODE</c> when it connects stdout/stderr to
/// the journal, and reads a <c>&lt;N&gt;</c> prefix on each line as its priority (sd-daemon(3)). The variable is
/// trusted only while stderr is still that stream (same device and inode), as systemd.exec(5) advises: a child
/// that inherited the variable but not the stream writes plain lines.
/// </summary>
public sealed partial class LinuxHost : ISystemLogHost
{
    private static readonly Lazy<bool> JournalStream = new(StderrIsJournal);
    private static readonly Lock JournalLock = new();

    public static bool SystemLogAvailable => JournalStream.Value;

    public static void WriteSystemLog(LogSeverity severity, string message)
    {
        // One write per line: the journal splits on newlines, and each line needs its own priority.
        var text = new StringBuilder(message.Length + 8);
        foreach (string line in message.Split('\n'))
        {
            text.Append('<').Append((int)severity).Append('>').Append(line.TrimEnd('\r')).Append('\n');
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        lock (JournalLock)
        {
            try
            {
                using Stream stderr = Console.OpenStandardError();
                stderr.Write(bytes);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Parses <c>JOURNAL_STREAM</c> (<c>DEV:INODE</c>, decimal); false when it is malformed.</summary>
    public static bool TryParseJournalStream(string? value, out ulong device, out ulong inode)
    {
        device = inode = 0;
        int colon = value?.IndexOf(':') ?? -1;
        return colon > 0
            && ulong.TryParse(value.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out device)
            && ulong.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out inode);
    }

    private static unsafe bool StderrIsJournal()
    {
        if (!TryParseJournalStream(Environment.GetEnvironmentVariable("JOURNAL_STREAM"), out ulong device, out ulong inode))
        {
            return false;
        }

        byte empty = 0;
        byte* buffer = stackalloc byte[StatxParser.Size];
        if (Interop.Libc.Statx(2, &empty, AtEmptyPath, StatxParser.Mask, buffer) != 0)
        {
            return false;
        }

        // JOURNAL_STREAM's device is st_dev as one number: makedev(major, minor) in glibc's encoding.
        var statx = new ReadOnlySpan<byte>(buffer, StatxParser.Size);
        ulong major = BinaryPrimitives.ReadUInt32LittleEndian(statx[136..]);
        ulong minor = BinaryPrimitives.ReadUInt32LittleEndian(statx[140..]);
        ulong dev = ((major & 0xfffff000) << 32) | ((major & 0xfff) << 8) | ((minor & 0xffffff00) << 12) | (minor & 0xff);
        ulong ino = BinaryPrimitives.ReadUInt64LittleEndian(statx[32..]);
        return dev == device && ino == inode;
    }
}
