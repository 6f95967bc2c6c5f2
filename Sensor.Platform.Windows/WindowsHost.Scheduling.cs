using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

public sealed partial class WindowsHost : ISchedulingHost
{
    public static int SetCurrentThreadBackground(bool background)
    {
        // Background mode rather than THREAD_PRIORITY_LOWEST: it also lowers the thread's I/O and memory priority,
        // which is most of what a file or memory scan costs the machine.
        int mode = background ? Interop.Kernel32.ThreadModeBackgroundBegin : Interop.Kernel32.ThreadModeBackgroundEnd;
        if (Interop.Kernel32.SetThreadPriority(Interop.Kernel32.GetCurrentThread(), mode))
        {
            return ErrorCodes.Success;
        }

        // ERROR_THREAD_MODE_ALREADY_BACKGROUND (402) / _NOT_BACKGROUND (403): already where it was asked to be.
        int error = Marshal.GetLastPInvokeError();
        return error is 402 or 403 ? ErrorCodes.Success : Win32Error.ToErrorCode((uint)error);
    }
}
