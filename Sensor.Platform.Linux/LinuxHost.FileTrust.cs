using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Sensor.Platform.Security;

namespace Sensor.Platform.Linux;

public sealed partial class LinuxHost : IFileTrustHost
{
    private const uint StatxType = 0x1, StatxMode = 0x2, StatxUid = 0x8;

    public static unsafe int InspectWriters(string path, out FileWriters writers)
    {
        writers = default;
        byte[] z = new byte[Encoding.UTF8.GetMaxByteCount(path.Length) + 1];
        Encoding.UTF8.GetBytes(path, z);
        byte* buffer = stackalloc byte[StatxParser.Size];
        fixed (byte* p = z)
        {
            if (Interop.Libc.Statx(AtFdcwd, p, AtSymlinkNofollow, StatxType | StatxMode | StatxUid, buffer) != 0)
            {
                return Errno.ToErrorCode(Marshal.GetLastPInvokeError());
            }
        }

        // struct statx: stx_uid u32 at 20, stx_mode u16 at 28.
        var statx = new ReadOnlySpan<byte>(buffer, StatxParser.Size);
        writers = PosixFileWriters.From(BinaryPrimitives.ReadUInt32LittleEndian(statx[20..]),
            BinaryPrimitives.ReadUInt16LittleEndian(statx[28..]), Interop.Libc.Geteuid());
        return ErrorCodes.Success;
    }
}
