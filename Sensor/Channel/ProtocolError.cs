namespace Sensor.Channel;

/// <summary>Why a frame or message was refused. Every value closes the connection; none stops the process.</summary>
public enum ProtocolError
{
    None = 0,

    /// <summary>The stream ended inside a frame.</summary>
    Truncated,

    /// <summary>The body length prefix exceeds the wire cap.</summary>
    WireTooLarge,

    /// <summary>A compressed body declares a decoded length over the decoded cap.</summary>
    DecodedTooLarge,

    /// <summary>A flags byte with bits this version does not define.</summary>
    UnknownFlags,

    /// <summary>A body of zero bytes, or a compressed body too short to hold its decoded length.</summary>
    EmptyBody,

    /// <summary>The LZ4 block is corrupt or decodes to more bytes than declared.</summary>
    DecompressionFailed,

    /// <summary>The LZ4 block decodes to fewer bytes than declared.</summary>
    DecodedLengthMismatch,

    /// <summary>The body is not the MessagePack this version expects (bad type, truncated value, trailing bytes).</summary>
    MalformedMessage,

    /// <summary>MessagePack nesting deeper than the cap.</summary>
    TooDeep,

    /// <summary>A message kind this version does not know.</summary>
    UnknownKind,

    /// <summary>A field over its cap (argument count, id length ...).</summary>
    FieldTooLarge,

    /// <summary>A message that is valid but not allowed at this point of the conversation.</summary>
    UnexpectedMessage,

    /// <summary>No complete frame arrived within the read timeout.</summary>
    ReadTimeout,
}
