using System.Runtime.InteropServices;

namespace Sensor.Platform.Linux;

public sealed partial class LinuxHost : ISchedulingHost
{
    /// <summary>The nice value of a scan thread while the performance mode is on.</summary>
    public const int BackgroundNice = 10;

    public static int SetCurrentThreadBackground(bool background)
    {
        // Going back to 0 from 10 needs CAP_SYS_NICE (or RLIMIT_NICE); the sensor runs as root and has it.
        if (Interop.Libc.SetPriority(Interop.Libc.PRIO_PROCESS, (uint)Interop.Libc.GetTid(), background ? BackgroundNice : 0) == 0)
        {
            return ErrorCodes.Success;
        }

        return Errno.ToErrorCode(Marshal.GetLastPInvokeError());
    }
}
