using System.Buffers.Binary;

namespace Sensor.Platform.Linux.Network;

/// <summary>
/// Walks the <c>linux_dirent64</c> records getdents64 returns: <c>u64 ino, s64 off, u16 reclen, u8 type, name\0</c>.
/// </summary>
public ref struct DirentReader(ReadOnlySpan<byte> buffer)
{
    private ReadOnlySpan<byte> _rest = buffer;

    /// <summary>The next entry's NUL-terminated name (with its NUL), or false at the end of the buffer.</summary>
    public bool Next(out ReadOnlySpan<byte> nameWithNul)
    {
        while (_rest.Length >= 20)
        {
            int recordLength = BinaryPrimitives.ReadUInt16LittleEndian(_rest[16..]);
            if (recordLength < 20 || recordLength > _rest.Length)
            {
                break;
            }

            ReadOnlySpan<byte> name = _rest[19..recordLength];
            _rest = _rest[recordLength..];
            int end = name.IndexOf((byte)0);
            if (end <= 0)
            {
                continue;
            }

            nameWithNul = name[..(end + 1)];
            return true;
        }

        nameWithNul = default;
        return false;
    }

    /// <summary>Whether a name (without NUL) is all decimal digits: a process directory of /proc.</summary>
    public static bool IsNumber(ReadOnlySpan<byte> name, out int value)
    {
        value = 0;
        if (name.IsEmpty || name.Length > 9)
        {
            return false;
        }

        foreach (byte c in name)
        {
            uint digit = (uint)(c - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }
}
