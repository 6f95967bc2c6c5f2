using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Sensor.Platform.Processes;

/// <summary>
/// A process's 16-byte atom: SHA-256 of (boot id, pid, start time) truncated to 16 bytes. Stable for the life of the
/// process; a later process with the same pid has another start time, and the boot id separates boots, so an atom
/// is never reused.
/// </summary>
public static class ProcessAtom
{
    public const int Length = 16;

    public static void Compute(ReadOnlySpan<byte> bootId, int processId, ulong startTime, Span<byte> atom)
    {
        if (atom.Length < Length)
        {
            throw new ArgumentException("the atom needs 16 bytes", nameof(atom));
        }

        Span<byte> input = stackalloc byte[64 + 12];
        int n = Math.Min(bootId.Length, 64);
        bootId[..n].CopyTo(input);
        BinaryPrimitives.WriteInt32LittleEndian(input[n..], processId);
        BinaryPrimitives.WriteUInt64LittleEndian(input[(n + 4)..], startTime);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input[..(n + 12)], hash);
        hash[..Length].CopyTo(atom);
    }

    /// <summary>Parses 32 hex characters; false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, Span<byte> atom)
    {
        if (text.Length != Length * 2 || atom.Length < Length)
        {
            return false;
        }

        return Convert.FromHexString(text, atom[..Length], out _, out int written) == System.Buffers.OperationStatus.Done
            && written == Length;
    }
}
