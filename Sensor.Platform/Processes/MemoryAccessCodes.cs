namespace Sensor.Platform.Processes;

/// <summary>
/// The reply's <c>MEMORY_ACCESS</c> enum (legacy values): 0 denied, 1 X, 2 RX, 3 RWX, 4 X+write-copy, 5 no access,
/// 6 R, 7 RW, 8 write-copy, 9 W, 10 WX.
/// </summary>
public static class MemoryAccessCodes
{
    public const int Denied = 0;
    public const int Execute = 1;
    public const int ReadExecute = 2;
    public const int ReadWriteExecute = 3;
    public const int ExecuteWriteCopy = 4;
    public const int NoAccess = 5;
    public const int Read = 6;
    public const int ReadWrite = 7;
    public const int WriteCopy = 8;
    public const int Write = 9;
    public const int WriteExecute = 10;

    public static int From(MemoryProtection p)
    {
        bool r = (p & MemoryProtection.Read) != 0;
        bool w = (p & MemoryProtection.Write) != 0;
        bool x = (p & MemoryProtection.Execute) != 0;
        bool cow = (p & MemoryProtection.CopyOnWrite) != 0;
        return (r, w, x) switch
        {
            (false, false, false) => NoAccess,
            (false, false, true) => Execute,
            (true, false, true) => ReadExecute,
            (_, true, true) => cow ? ExecuteWriteCopy : ReadWriteExecute,
            (true, false, false) => Read,
            (true, true, false) => cow ? WriteCopy : ReadWrite,
            (false, true, false) => cow ? WriteCopy : Write,
        };
    }
}
