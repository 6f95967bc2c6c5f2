namespace Sensor.Yara;

/// <summary>
/// yr_initialize once per process, on first use; yr_finalize when the process exits. libyara's globals (module
/// tables, the thread-local scan state key) are set up by the former and must outlive every scanner.
/// </summary>
internal static class YaraLibrary
{
    private static readonly Lock Gate = new();
    private static int _state; // 0 = not initialized, 1 = ready, -1 = failed, 2 = finalized

    /// <summary>Initializes libyara if needed; returns a reply error code (50 when the library cannot be used).</summary>
    public static int EnsureInitialized(out string? message)
    {
        message = null;
        if (Volatile.Read(ref _state) == 1)
        {
            return 0;
        }

        lock (Gate)
        {
            if (_state == 0)
            {
                try
                {
                    _state = Interop.Yara.YrInitialize() == Interop.Yara.ERROR_SUCCESS ? 1 : -1;
                }
                catch (DllNotFoundException)
                {
                    // Only where libyara is not linked in (non-Linux builds without the shared library).
                    _state = -1;
                }

                if (_state == 1)
                {
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => Shutdown();
                }
            }

            if (_state != 1)
            {
                message = "libyara is not available on this host";
                return Platform.ErrorCodes.NotSupported;
            }

            return 0;
        }
    }

    private static void Shutdown()
    {
        lock (Gate)
        {
            if (_state == 1)
            {
                _state = 2;
                _ = Interop.Yara.YrFinalize();
            }
        }
    }
}
