using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Sensor.Platform.Security;

namespace Sensor.Platform.MacOS;

public sealed partial class MacHost : IFileTrustHost
{
    public static unsafe int InspectWriters(string path, out FileWriters writers)
    {
        writers = default;
        byte[] z = new byte[Encoding.UTF8.GetMaxByteCount(path.Length) + 1];
        Encoding.UTF8.GetBytes(path, z);
        byte* buffer = stackalloc byte[MacStatParser.Size];
        fixed (byte* p = z)
        {
            if (Interop.Libc.Fstatat(AtFdcwd, p, buffer, AtSymlinkNofollow) != 0)
            {
                return Errno.ToErrorCode(Marshal.GetLastPInvokeError());
            }
        }

        // struct stat (64-bit inodes): st_mode u16 at 4, st_uid u32 at 16.
        var stat = new ReadOnlySpan<byte>(buffer, MacStatParser.Size);
        writers = PosixFileWriters.From(BinaryPrimitives.ReadUInt32LittleEndian(stat[16..]),
            BinaryPrimitives.ReadUInt16LittleEndian(stat[4..]), Interop.Libc.Geteuid());
        return ErrorCodes.Success;
    }
}
