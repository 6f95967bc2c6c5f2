using Sensor.Platform.Inventory;

namespace Sensor.Platform.Linux.Inventory;

/// <summary>Reads <c>passwd(5)</c>, <c>shadow(5)</c>, <c>lastlog</c> and <c>wtmp</c> records.</summary>
public static class PasswdParser
{
    /// <summary>Accounts of a passwd file: <c>name:password:uid:gid:gecos:home:shell</c>.</summary>
    public static void Parse(ReadOnlySpan<byte> passwd, List<UserEntry> users)
    {
        foreach (Range range in passwd.Split((byte)'\n'))
        {
            ReadOnlySpan<byte> line = passwd[range].TrimEnd((byte)'\r');
            // Blank lines, comments and NIS "+"/"-" inclusion lines are not accounts.
            if (line.IsEmpty || line[0] is (byte)'#' or (byte)'+' or (byte)'-')
            {
                continue;
            }

            ReadOnlySpan<byte> name = TextLines.Field(line, (byte)':', 0);
            long uid = TextLines.ParseLong(TextLines.Field(line, (byte)':', 2));
            long gid = TextLines.ParseLong(TextLines.Field(line, (byte)':', 3));
            if (name.IsEmpty || uid < 0)
            {
                continue;
            }

            users.Add(new UserEntry(TextLines.Utf8(name), uid, gid, TextLines.Utf8(TextLines.Field(line, (byte)':', 5)),
                TextLines.Utf8(TextLines.Field(line, (byte)':', 6)), null, -1));
        }
    }

    /// <summary>
    /// Which accounts of a shadow file have a usable password: a hash, not empty and not locked (<c>!</c>, <c>*</c>).
    /// </summary>
    public static Dictionary<string, bool> ParseShadow(ReadOnlySpan<byte> shadow)
    {
        var hasPassword = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (Range range in shadow.Split((byte)'\n'))
        {
            ReadOnlySpan<byte> line = shadow[range].TrimEnd((byte)'\r');
            ReadOnlySpan<byte> name = TextLines.Field(line, (byte)':', 0);
            if (name.IsEmpty || line[0] == (byte)'#')
            {
                continue;
            }

            ReadOnlySpan<byte> password = TextLines.Field(line, (byte)':', 1);
            hasPassword[TextLines.Utf8(name)] = !password.IsEmpty && password[0] is not ((byte)'!' or (byte)'*');
        }

        return hasPassword;
    }

    /// <summary>
    /// The last login of <paramref name="uid"/> from a <c>lastlog</c> file (records of 292 bytes indexed by uid:
    /// <c>int32 ll_time; char ll_line[32]; char ll_host[256]</c>): Unix seconds, 0 when never.
    /// </summary>
    public static long LastLogSeconds(ReadOnlySpan<byte> lastlog, long uid)
    {
        const int RecordSize = 292;
        long offset = uid * RecordSize;
        if (uid < 0 || offset + RecordSize > lastlog.Length)
        {
            return 0;
        }

        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(lastlog[(int)offset..]);
    }

    /// <summary>
    /// The latest login per user name from <c>wtmp</c> (struct utmp, 384 bytes: <c>ut_type</c> at 0, <c>ut_user</c>
    /// at 44, <c>ut_tv.tv_sec</c> at 340), as Unix seconds. Only <c>USER_PROCESS</c> (7) records are logins.
    /// </summary>
    public static Dictionary<string, long> ParseWtmp(ReadOnlySpan<byte> wtmp)
    {
        const int RecordSize = 384;
        var latest = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int offset = 0; offset + RecordSize <= wtmp.Length; offset += RecordSize)
        {
            ReadOnlySpan<byte> record = wtmp.Slice(offset, RecordSize);
            if (System.Buffers.Binary.BinaryPrimitives.ReadInt16LittleEndian(record) != 7)
            {
                continue;
            }

            ReadOnlySpan<byte> user = record.Slice(44, 32);
            int end = user.IndexOf((byte)0);
            user = end < 0 ? user : user[..end];
            if (user.IsEmpty)
            {
                continue;
            }

            long seconds = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(record[340..]);
            string name = TextLines.Utf8(user);
            if (!latest.TryGetValue(name, out long known) || seconds > known)
            {
                latest[name] = seconds;
            }
        }

        return latest;
    }
}
