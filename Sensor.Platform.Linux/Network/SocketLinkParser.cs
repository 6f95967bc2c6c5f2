namespace Sensor.Platform.Linux.Network;

/// <summary>Reads the target of a <c>/proc/PID/fd/N</c> link: <c>socket:[INODE]</c> for a socket.</summary>
public static class SocketLinkParser
{
    /// <summary>The socket inode, or 0 when the link is not a socket.</summary>
    public static ulong ParseInode(ReadOnlySpan<byte> link)
    {
        if (link.Length < 10 || !link.StartsWith("socket:["u8) || link[^1] != (byte)']')
        {
            return 0;
        }

        ulong inode = 0;
        foreach (byte c in link[8..^1])
        {
            uint digit = (uint)(c - '0');
            if (digit > 9)
            {
                return 0;
            }

            inode = (inode * 10) + digit;
        }

        return inode;
    }
}
