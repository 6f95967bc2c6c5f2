using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

public sealed partial class MacHost : ISchedulingHost
{
    public static int SetCurrentThreadBackground(bool background)
    {
        if (Interop.Libc.SetPriority(Interop.Libc.PRIO_DARWIN_THREAD, 0, background ? Interop.Libc.PRIO_DARWIN_BG : 0) == 0)
        {
            return ErrorCodes.Success;
        }

        return Errno.ToErrorCode(Marshal.GetLastPInvokeError());
    }
}
