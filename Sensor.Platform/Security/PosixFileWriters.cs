namespace Sensor.Platform.Security;

/// <summary>
/// The trust rule over POSIX owner and mode bits, shared by the hosts that have them. Pure, so it is tested from
/// values: trusted owners are root and, when the sensor is not root, the user it runs as; group or other write
/// makes a path writable by others (ACLs are not read: the sensor's files never need one).
/// </summary>
public static class PosixFileWriters
{
    private const uint SIfmt = 0xf000, SIfreg = 0x8000, SIfdir = 0x4000, SIflnk = 0xa000;
    private const uint GroupWrite = 0x10, OtherWrite = 0x2, Sticky = 0x200;

    public static FileWriters From(uint ownerUid, uint mode, uint effectiveUid)
    {
        DirectoryEntryKind kind = (mode & SIfmt) switch
        {
            SIfreg => DirectoryEntryKind.File,
            SIfdir => DirectoryEntryKind.Directory,
            SIflnk => DirectoryEntryKind.SymbolicLink,
            _ => DirectoryEntryKind.Other,
        };

        // A link's own mode is always 0777 and means nothing; what matters is who owns it and where it points.
        bool othersWrite = kind != DirectoryEntryKind.SymbolicLink && (mode & (GroupWrite | OtherWrite)) != 0;
        bool onlyAdd = othersWrite && kind == DirectoryEntryKind.Directory && (mode & Sticky) != 0;
        return new FileWriters(kind, $"uid {ownerUid}", ownerUid == 0 || ownerUid == effectiveUid, othersWrite, onlyAdd,
            $"mode {Convert.ToString(mode & 0xfff, 8).PadLeft(4, '0')}");
    }
}
