namespace Sensor;

/// <summary>
/// libyara 4.2 imports, one function a file: <c>Interop/Yara/Interop.&lt;Function&gt;.cs</c>. The library is the same
/// on every OS, so the imports live here rather than in a platform project; on Linux it is linked statically into the
/// AOT binary (Sensor.csproj: DirectPInvoke + NativeLibrary), elsewhere it is loaded as a shared library.
/// </summary>
internal static partial class Interop
{
    internal static partial class Yara
    {
        internal const string Name = "libyara";

        internal const int ERROR_SUCCESS = 0;
        internal const int ERROR_INSUFFICIENT_MEMORY = 1;
        internal const int ERROR_COULD_NOT_OPEN_FILE = 3;
        internal const int ERROR_COULD_NOT_MAP_FILE = 4;
        internal const int ERROR_SCAN_TIMEOUT = 26;
        internal const int ERROR_CALLBACK_ERROR = 28;
        internal const int ERROR_TOO_MANY_MATCHES = 30;

        internal const int CALLBACK_MSG_RULE_MATCHING = 1;
        internal const int CALLBACK_MSG_TOO_MANY_MATCHES = 6;
        internal const int CALLBACK_CONTINUE = 0;
        internal const int CALLBACK_ABORT = 1;

        internal const int SCAN_FLAGS_FAST_MODE = 1;
        internal const int SCAN_FLAGS_PROCESS_MEMORY = 2;

        // Offsets in YARA 4.2.3's structures on 64-bit targets (from /usr/include/yara/types.h, checked with
        // offsetof; YaraStructLayoutTests recompiles the check against the installed headers).
        internal const int RuleIdentifierOffset = 8;
        internal const int RuleStringsOffset = 32;
        internal const int StringFlagsOffset = 0;
        internal const int StringIndexOffset = 4;
        internal const int StringSize = 56;
        internal const uint StringFlagsLastInRule = 0x1000;
        internal const int ScanContextMatchesOffset = 160;
        internal const int MatchesSize = 24;
        internal const int MatchBaseOffset = 0;
        internal const int MatchOffsetOffset = 8;
        internal const int MatchNextOffset = 40;
        internal const int MatchIsPrivateOffset = 52;
    }
}
