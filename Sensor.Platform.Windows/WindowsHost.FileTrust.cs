using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Principal;
using Sensor.Platform.Security;

namespace Sensor.Platform.Windows;

/// <summary>
/// The owner and DACL of a path (GetNamedSecurityInfoW). Trusted accounts are SYSTEM, Administrators and
/// TrustedInstaller, and the current user when the sensor does not run elevated. An allow entry (not inherit-only)
/// that grants any write right to another account makes the path writable by others; deny entries are not
/// subtracted, so the check can only err on the side of refusing.
/// </summary>
public sealed partial class WindowsHost : IFileTrustHost
{
    private const byte AccessAllowedAce = 0, AccessAllowedCallbackAce = 9, InheritOnlyAce = 0x08;

    // FILE_WRITE_DATA/ADD_FILE, FILE_APPEND_DATA/ADD_SUBDIRECTORY, FILE_WRITE_EA, FILE_WRITE_ATTRIBUTES, GENERIC_WRITE.
    private const uint AddRights = 0x2 | 0x4 | 0x10 | 0x100 | 0x40000000;

    // FILE_DELETE_CHILD, DELETE, WRITE_DAC, WRITE_OWNER, MAXIMUM_ALLOWED, GENERIC_ALL: replace or re-permission.
    private const uint ReplaceRights = 0x40 | 0x10000 | 0x40000 | 0x80000 | 0x02000000 | 0x10000000;

    private static readonly string[] TrustedSids =
    [
        "S-1-5-18", // SYSTEM
        "S-1-5-32-544", // BUILTIN\Administrators
        "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464", // NT SERVICE\TrustedInstaller
        "S-1-3-0", // CREATOR OWNER: stands for the owner, who is checked on its own
    ];

    public static unsafe int InspectWriters(string path, out FileWriters writers)
    {
        writers = default;
        uint attributes = Interop.Kernel32.GetFileAttributes(path);
        if (attributes == Interop.Kernel32.InvalidFileAttributes)
        {
            return Win32Error.ToErrorCode((uint)Marshal.GetLastPInvokeError());
        }

        DirectoryEntryKind kind = (attributes & Interop.Kernel32.FileAttributeReparsePoint) != 0 ? DirectoryEntryKind.SymbolicLink
            : (attributes & Interop.Kernel32.FileAttributeDirectory) != 0 ? DirectoryEntryKind.Directory
            : DirectoryEntryKind.File;
        uint error = Interop.Advapi32.GetNamedSecurityInfo(path, Interop.Advapi32.SeFileObject,
            Interop.Advapi32.OwnerSecurityInformation | Interop.Advapi32.DaclSecurityInformation,
            out nint owner, out _, out nint dacl, out _, out nint descriptor);
        if (error != 0)
        {
            return Win32Error.ToErrorCode(error);
        }

        try
        {
            string? self = Environment.IsPrivilegedProcess ? null : WindowsIdentity.GetCurrent().User?.Value;
            string ownerSid = SidText(owner);
            bool ownerTrusted = IsTrusted(ownerSid, self);
            if (dacl == 0)
            {
                // A null DACL grants everyone everything.
                writers = new FileWriters(kind, ownerSid, ownerTrusted, true, false, "no DACL (everyone has full control)");
                return ErrorCodes.Success;
            }

            uint othersRights = 0;
            string detail = "";
            byte* acl = (byte*)dacl;
            int count = BinaryPrimitives.ReadUInt16LittleEndian(new ReadOnlySpan<byte>(acl + 4, 2));
            byte* ace = acl + 8;
            for (int i = 0; i < count; i++)
            {
                byte type = ace[0];
                byte flags = ace[1];
                int size = BinaryPrimitives.ReadUInt16LittleEndian(new ReadOnlySpan<byte>(ace + 2, 2));
                if (size < 8)
                {
                    // A malformed entry: stop rather than loop; what was read so far still counts.
                    break;
                }

                if ((type == AccessAllowedAce || type == AccessAllowedCallbackAce) && (flags & InheritOnlyAce) == 0)
                {
                    uint mask = BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(ace + 4, 4));
                    if ((mask & (AddRights | ReplaceRights)) != 0)
                    {
                        string sid = SidText((nint)(ace + 8));
                        if (!IsTrusted(sid, self))
                        {
                            othersRights |= mask;
                            detail = $"{sid} has access mask 0x{mask:x}";
                        }
                    }
                }

                ace += size;
            }

            bool othersWrite = (othersRights & (AddRights | ReplaceRights)) != 0;
            bool onlyAdd = othersWrite && kind == DirectoryEntryKind.Directory && (othersRights & ReplaceRights) == 0;
            writers = new FileWriters(kind, ownerSid, ownerTrusted, othersWrite, onlyAdd, othersWrite ? detail : "no write access for others");
            return ErrorCodes.Success;
        }
        finally
        {
            Interop.Kernel32.LocalFree(descriptor);
        }
    }

    private static bool IsTrusted(string sid, string? self) =>
        Array.IndexOf(TrustedSids, sid) >= 0 || (self is not null && sid == self);

    private static string SidText(nint sid)
    {
        if (!Interop.Advapi32.ConvertSidToStringSid(sid, out nint text))
        {
            return "(unreadable SID)";
        }

        try
        {
            return Marshal.PtrToStringUni(text) ?? "";
        }
        finally
        {
            Interop.Kernel32.LocalFree(text);
        }
    }
}
