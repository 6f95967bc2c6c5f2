namespace Sensor.Platform;

/// <summary>
/// The <c>ERROR</c> values of reply events: Windows error numbers on every OS (reply-events.md §3). Each host
/// translates its native errors (errno, Win32, Mach) to these in one place.
/// </summary>
public static class ErrorCodes
{
    public const int Success = 0;
    public const int InvalidFunction = 1;
    public const int FileNotFound = 2;
    public const int PathNotFound = 3;
    public const int AccessDenied = 5;
    public const int InvalidHandle = 6;
    public const int NotEnoughMemory = 8;
    public const int InvalidDrive = 15;
    public const int CurrentDirectory = 16;
    public const int WriteProtect = 19;
    public const int Crc = 23;
    public const int Seek = 25;
    public const int WriteFault = 29;
    public const int ReadFault = 30;
    public const int SharingViolation = 32;
    public const int LockViolation = 33;
    public const int HandleEof = 38;
    public const int HandleDiskFull = 39;
    public const int NotSupported = 50;
    public const int BadNetPath = 53;
    public const int NetworkBusy = 54;
    public const int NetworkAccessDenied = 65;
    public const int BadNetName = 67;
    public const int FileExists = 80;
    public const int InvalidPassword = 86;
    public const int InvalidParameter = 87;
    public const int BrokenPipe = 109;
    public const int OpenFailed = 110;
    public const int BufferOverflow = 111;
    public const int DiskFull = 112;
    public const int InvalidName = 123;
    public const int NegativeSeek = 131;
    public const int DirNotEmpty = 145;
    public const int Busy = 170;
    public const int BadExeFormat = 193;
    public const int FilenameExcedRange = 206;
    public const int FileTooLarge = 223;
    public const int Directory = 267;
    public const int InvalidAddress = 487;
    public const int Timeout = 1460;

    /// <summary>Success for payload and artifact operations, which use HTTP status codes.</summary>
    public const int HttpOk = 200;
}
