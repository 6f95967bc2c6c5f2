namespace Sensor.Platform.Windows;

/// <summary>Win32 errors are already the reply's numbering; the one place they become a reply <c>ERROR</c>.</summary>
public static class Win32Error
{
    public const int InsufficientBuffer = 122;

    public static int ToErrorCode(uint error) => error switch
    {
        0 => ErrorCodes.Success,
        InsufficientBuffer => ErrorCodes.BufferOverflow,
        _ => (int)error,
    };
}
