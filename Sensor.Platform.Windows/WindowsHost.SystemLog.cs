using Sensor.Platform.Logging;

namespace Sensor.Platform.Windows;

/// <summary>
/// The Application event log under the source <c>Sensor</c> (RegisterEventSourceW / ReportEventW). Used when the
/// sensor runs as a service (no interactive session); from a console it writes to stderr like everywhere else.
/// The installer registers the source's message file; without it the viewer still shows the text.
/// </summary>
public sealed partial class WindowsHost : ISystemLogHost
{
    public const string EventSourceName = "Sensor";

    // Event ids by severity, so event log filters can pick errors without reading text.
    private const uint ErrorEventId = 1000, WarningEventId = 2000, InformationEventId = 3000;

    private static readonly Lazy<nint> EventSource = new(() =>
        Environment.UserInteractive ? 0 : Interop.Advapi32.RegisterEventSource(null, EventSourceName));

    public static bool SystemLogAvailable => EventSource.Value != 0;

    public static unsafe void WriteSystemLog(LogSeverity severity, string message)
    {
        nint handle = EventSource.Value;
        if (handle == 0)
        {
            return;
        }

        (ushort type, uint id) = severity switch
        {
            LogSeverity.Error => (Interop.Advapi32.EventlogErrorType, ErrorEventId),
            LogSeverity.Warning => (Interop.Advapi32.EventlogWarningType, WarningEventId),
            _ => (Interop.Advapi32.EventlogInformationType, InformationEventId),
        };

        // An insertion string is limited to 31,839 characters.
        string text = message.Length > 31_000 ? message[..31_000] : message;
        fixed (char* p = text)
        {
            char* strings = p;
            Interop.Advapi32.ReportEvent(handle, type, 0, id, 0, 1, 0, &strings, 0);
        }
    }
}
