namespace Sensor.Events;

/// <summary>
/// The UPPER_SNAKE field names of reply events (reply-events.md §2), as UTF-8 constants: one place, append-only,
/// frozen by <c>FieldNamesTests</c>. Names marked proposed there, and the truncation markers at the end, are ours.
/// </summary>
public static class FieldNames
{
    public static ReadOnlySpan<byte> Error => "ERROR"u8;

    public static ReadOnlySpan<byte> ErrorMessage => "ERROR_MESSAGE"u8;

    public static ReadOnlySpan<byte> FilePath => "FILE_PATH"u8;

    public static ReadOnlySpan<byte> Hash => "HASH"u8;

    public static ReadOnlySpan<byte> FileIsSigned => "FILE_IS_SIGNED"u8;

    public static ReadOnlySpan<byte> Signature => "SIGNATURE"u8;

    public static ReadOnlySpan<byte> CertIssuer => "CERT_ISSUER"u8;

    public static ReadOnlySpan<byte> CertSubject => "CERT_SUBJECT"u8;

    public static ReadOnlySpan<byte> FileCertIsVerifiedLocal => "FILE_CERT_IS_VERIFIED_LOCAL"u8;

    public static ReadOnlySpan<byte> FileSize => "FILE_SIZE"u8;

    public static ReadOnlySpan<byte> AccessTime => "ACCESS_TIME"u8;

    public static ReadOnlySpan<byte> CreationTime => "CREATION_TIME"u8;

    public static ReadOnlySpan<byte> ModificationTime => "MODIFICATION_TIME"u8;

    public static ReadOnlySpan<byte> Attributes => "ATTRIBUTES"u8;

    public static ReadOnlySpan<byte> FileContent => "FILE_CONTENT"u8;

    public static ReadOnlySpan<byte> Offset => "OFFSET"u8;

    public static ReadOnlySpan<byte> MaxSize => "MAX_SIZE"u8;

    public static ReadOnlySpan<byte> Source => "SOURCE"u8;

    public static ReadOnlySpan<byte> Destination => "DESTINATION"u8;

    public static ReadOnlySpan<byte> DirectoryPath => "DIRECTORY_PATH"u8;

    public static ReadOnlySpan<byte> DirectoryListDepth => "DIRECTORY_LIST_DEPTH"u8;

    public static ReadOnlySpan<byte> DirectoryList => "DIRECTORY_LIST"u8;

    public static ReadOnlySpan<byte> FileName => "FILE_NAME"u8;

    public static ReadOnlySpan<byte> Streams => "STREAMS"u8;

    public static ReadOnlySpan<byte> Size => "SIZE"u8;

    public static ReadOnlySpan<byte> Processes => "PROCESSES"u8;

    public static ReadOnlySpan<byte> ProcessId => "PROCESS_ID"u8;

    public static ReadOnlySpan<byte> ParentProcessId => "PARENT_PROCESS_ID"u8;

    public static ReadOnlySpan<byte> CommandLine => "COMMAND_LINE"u8;

    public static ReadOnlySpan<byte> UserName => "USER_NAME"u8;

    public static ReadOnlySpan<byte> UserId => "USER_ID"u8;

    public static ReadOnlySpan<byte> Threads => "THREADS"u8;

    public static ReadOnlySpan<byte> MemoryUsage => "MEMORY_USAGE"u8;

    public static ReadOnlySpan<byte> BaseAddress => "BASE_ADDRESS"u8;

    public static ReadOnlySpan<byte> Modules => "MODULES"u8;

    public static ReadOnlySpan<byte> ModuleName => "MODULE_NAME"u8;

    public static ReadOnlySpan<byte> MemorySize => "MEMORY_SIZE"u8;

    public static ReadOnlySpan<byte> ThreadId => "THREAD_ID"u8;

    public static ReadOnlySpan<byte> MemoryMap => "MEMORY_MAP"u8;

    public static ReadOnlySpan<byte> MemoryType => "MEMORY_TYPE"u8;

    public static ReadOnlySpan<byte> MemoryAccess => "MEMORY_ACCESS"u8;

    public static ReadOnlySpan<byte> MemoryDump => "MEMORY_DUMP"u8;

    public static ReadOnlySpan<byte> Stringsa => "STRINGSA"u8;

    public static ReadOnlySpan<byte> Stringsw => "STRINGSW"u8;

    public static ReadOnlySpan<byte> StringsFound => "STRINGS_FOUND"u8;

    public static ReadOnlySpan<byte> String => "STRING"u8;

    public static ReadOnlySpan<byte> MemoryAddress => "MEMORY_ADDRESS"u8;

    public static ReadOnlySpan<byte> Handles => "HANDLES"u8;

    public static ReadOnlySpan<byte> HandleName => "HANDLE_NAME"u8;

    public static ReadOnlySpan<byte> HandleType => "HANDLE_TYPE"u8;

    public static ReadOnlySpan<byte> HandleValue => "HANDLE_VALUE"u8;

    public static ReadOnlySpan<byte> Process => "PROCESS"u8;

    public static ReadOnlySpan<byte> Friendly => "FRIENDLY"u8;

    public static ReadOnlySpan<byte> NetworkActivity => "NETWORK_ACTIVITY"u8;

    public static ReadOnlySpan<byte> Protocol => "PROTOCOL"u8;

    public static ReadOnlySpan<byte> IpAddress => "IP_ADDRESS"u8;

    public static ReadOnlySpan<byte> Port => "PORT"u8;

    public static ReadOnlySpan<byte> State => "STATE"u8;

    public static ReadOnlySpan<byte> BuildNumber => "BUILD_NUMBER"u8;

    public static ReadOnlySpan<byte> OsName => "OS_NAME"u8;

    public static ReadOnlySpan<byte> VersionString => "VERSION_STRING"u8;

    public static ReadOnlySpan<byte> KernelVersion => "KERNEL_VERSION"u8;

    public static ReadOnlySpan<byte> Architecture => "ARCHITECTURE"u8;

    public static ReadOnlySpan<byte> Svcs => "SVCS"u8;

    public static ReadOnlySpan<byte> SvcName => "SVC_NAME"u8;

    public static ReadOnlySpan<byte> SvcDisplayName => "SVC_DISPLAY_NAME"u8;

    public static ReadOnlySpan<byte> SvcType => "SVC_TYPE"u8;

    public static ReadOnlySpan<byte> SvcState => "SVC_STATE"u8;

    public static ReadOnlySpan<byte> Executable => "EXECUTABLE"u8;

    public static ReadOnlySpan<byte> Dll => "DLL"u8;

    public static ReadOnlySpan<byte> Autoruns => "AUTORUNS"u8;

    public static ReadOnlySpan<byte> RegistryKey => "REGISTRY_KEY"u8;

    public static ReadOnlySpan<byte> Packages => "PACKAGES"u8;

    public static ReadOnlySpan<byte> PackageName => "PACKAGE_NAME"u8;

    public static ReadOnlySpan<byte> PackageVersion => "PACKAGE_VERSION"u8;

    public static ReadOnlySpan<byte> Users => "USERS"u8;

    public static ReadOnlySpan<byte> Interface => "INTERFACE"u8;

    public static ReadOnlySpan<byte> Name => "NAME"u8;

    public static ReadOnlySpan<byte> Ipv4 => "IPV4"u8;

    public static ReadOnlySpan<byte> Ipv6 => "IPV6"u8;

    public static ReadOnlySpan<byte> Root => "ROOT"u8;

    public static ReadOnlySpan<byte> RegistryValue => "REGISTRY_VALUE"u8;

    public static ReadOnlySpan<byte> Type => "TYPE"u8;

    public static ReadOnlySpan<byte> DomainName => "DOMAIN_NAME"u8;

    public static ReadOnlySpan<byte> DnsType => "DNS_TYPE"u8;

    public static ReadOnlySpan<byte> MessageId => "MESSAGE_ID"u8;

    public static ReadOnlySpan<byte> Files => "FILES"u8;

    public static ReadOnlySpan<byte> PackageVersionString => "PACKAGE_VERSION_STRING"u8;

    public static ReadOnlySpan<byte> PackageVersionGit => "PACKAGE_VERSION_GIT"u8;

    public static ReadOnlySpan<byte> Uptime => "UPTIME"u8;

    public static ReadOnlySpan<byte> PercentCpu => "PERCENT_CPU"u8;

    public static ReadOnlySpan<byte> Timedelta => "TIMEDELTA"u8;

    public static ReadOnlySpan<byte> KernelAcqAvailable => "KERNEL_ACQ_AVAILABLE"u8;

    public static ReadOnlySpan<byte> LossAccounting => "LOSS_ACCOUNTING"u8;

    public static ReadOnlySpan<byte> LossEvictedEvents => "LOSS_EVICTED_EVENTS"u8;

    public static ReadOnlySpan<byte> LossEvictedBytes => "LOSS_EVICTED_BYTES"u8;

    public static ReadOnlySpan<byte> LossRefusedEvents => "LOSS_REFUSED_EVENTS"u8;

    public static ReadOnlySpan<byte> LossRefusedBytes => "LOSS_REFUSED_BYTES"u8;

    public static ReadOnlySpan<byte> LossQueuedEvents => "LOSS_QUEUED_EVENTS"u8;

    public static ReadOnlySpan<byte> LossQueuedBytes => "LOSS_QUEUED_BYTES"u8;

    public static ReadOnlySpan<byte> LossMaxEvents => "LOSS_MAX_EVENTS"u8;

    public static ReadOnlySpan<byte> LossMaxBytes => "LOSS_MAX_BYTES"u8;

    public static ReadOnlySpan<byte> Events => "EVENTS"u8;

    public static ReadOnlySpan<byte> Patterns => "PATTERNS"u8;

    public static ReadOnlySpan<byte> RuleName => "RULE_NAME"u8;

    public static ReadOnlySpan<byte> Stdout => "STDOUT"u8;

    public static ReadOnlySpan<byte> Stderr => "STDERR"u8;

    public static ReadOnlySpan<byte> NotificationId => "NOTIFICATION_ID"u8;

    public static ReadOnlySpan<byte> Notification => "NOTIFICATION"u8;

    public static ReadOnlySpan<byte> InvestigationId => "INVESTIGATION_ID"u8;

    public static ReadOnlySpan<byte> Expiry => "EXPIRY"u8;

    public static ReadOnlySpan<byte> HostName => "HOST_NAME"u8;

    public static ReadOnlySpan<byte> IsSegregated => "IS_SEGREGATED"u8;

    public static ReadOnlySpan<byte> MacAddress => "MAC_ADDRESS"u8;

    public static ReadOnlySpan<byte> SealStatus => "SEAL_STATUS"u8;

    public static ReadOnlySpan<byte> IsDisabled => "IS_DISABLED"u8;

    public static ReadOnlySpan<byte> Truncated => "TRUNCATED"u8;

    public static ReadOnlySpan<byte> SkippedCount => "SKIPPED_COUNT"u8;

    public static ReadOnlySpan<byte> ErrorCount => "ERROR_COUNT"u8;

    public static ReadOnlySpan<byte> DirectoryListCount => "DIRECTORY_LIST_COUNT"u8;

    public static ReadOnlySpan<byte> GroupId => "GROUP_ID"u8;

    public static ReadOnlySpan<byte> HomeDirectory => "HOME_DIRECTORY"u8;

    public static ReadOnlySpan<byte> Shell => "SHELL"u8;

    public static ReadOnlySpan<byte> HasPassword => "HAS_PASSWORD"u8;

    public static ReadOnlySpan<byte> LastLogon => "LAST_LOGON"u8;

    public static ReadOnlySpan<byte> SvcStartType => "SVC_START_TYPE"u8;

    /// <summary>Targets (processes, files) a scan read to the end or to a reported limit.</summary>
    public static ReadOnlySpan<byte> ScannedCount => "SCANNED_COUNT"u8;

    /// <summary>The limits that stopped part of a scan, one text each.</summary>
    public static ReadOnlySpan<byte> LimitsReached => "LIMITS_REACHED"u8;

    /// <summary>get_debug_data: true while set_performance_mode has the scans throttled.</summary>
    public static ReadOnlySpan<byte> PerformanceMode => "PERFORMANCE_MODE"u8;

    /// <summary>Every name above, in order, for the test that freezes them.</summary>
    public static readonly string[] All =
    [
        "ERROR",
        "ERROR_MESSAGE",
        "FILE_PATH",
        "HASH",
        "FILE_IS_SIGNED",
        "SIGNATURE",
        "CERT_ISSUER",
        "CERT_SUBJECT",
        "FILE_CERT_IS_VERIFIED_LOCAL",
        "FILE_SIZE",
        "ACCESS_TIME",
        "CREATION_TIME",
        "MODIFICATION_TIME",
        "ATTRIBUTES",
        "FILE_CONTENT",
        "OFFSET",
        "MAX_SIZE",
        "SOURCE",
        "DESTINATION",
        "DIRECTORY_PATH",
        "DIRECTORY_LIST_DEPTH",
        "DIRECTORY_LIST",
        "FILE_NAME",
        "STREAMS",
        "SIZE",
        "PROCESSES",
        "PROCESS_ID",
        "PARENT_PROCESS_ID",
        "COMMAND_LINE",
        "USER_NAME",
        "USER_ID",
        "THREADS",
        "MEMORY_USAGE",
        "BASE_ADDRESS",
        "MODULES",
        "MODULE_NAME",
        "MEMORY_SIZE",
        "THREAD_ID",
        "MEMORY_MAP",
        "MEMORY_TYPE",
        "MEMORY_ACCESS",
        "MEMORY_DUMP",
        "STRINGSA",
        "STRINGSW",
        "STRINGS_FOUND",
        "STRING",
        "MEMORY_ADDRESS",
        "HANDLES",
        "HANDLE_NAME",
        "HANDLE_TYPE",
        "HANDLE_VALUE",
        "PROCESS",
        "FRIENDLY",
        "NETWORK_ACTIVITY",
        "PROTOCOL",
        "IP_ADDRESS",
        "PORT",
        "STATE",
        "BUILD_NUMBER",
        "OS_NAME",
        "VERSION_STRING",
        "KERNEL_VERSION",
        "ARCHITECTURE",
        "SVCS",
        "SVC_NAME",
        "SVC_DISPLAY_NAME",
        "SVC_TYPE",
        "SVC_STATE",
        "EXECUTABLE",
        "DLL",
        "AUTORUNS",
        "REGISTRY_KEY",
        "PACKAGES",
        "PACKAGE_NAME",
        "PACKAGE_VERSION",
        "USERS",
        "INTERFACE",
        "NAME",
        "IPV4",
        "IPV6",
        "ROOT",
        "REGISTRY_VALUE",
        "TYPE",
        "DOMAIN_NAME",
        "DNS_TYPE",
        "MESSAGE_ID",
        "FILES",
        "PACKAGE_VERSION_STRING",
        "PACKAGE_VERSION_GIT",
        "UPTIME",
        "PERCENT_CPU",
        "TIMEDELTA",
        "KERNEL_ACQ_AVAILABLE",
        "LOSS_ACCOUNTING",
        "LOSS_EVICTED_EVENTS",
        "LOSS_EVICTED_BYTES",
        "LOSS_REFUSED_EVENTS",
        "LOSS_REFUSED_BYTES",
        "LOSS_QUEUED_EVENTS",
        "LOSS_QUEUED_BYTES",
        "LOSS_MAX_EVENTS",
        "LOSS_MAX_BYTES",
        "EVENTS",
        "PATTERNS",
        "RULE_NAME",
        "STDOUT",
        "STDERR",
        "NOTIFICATION_ID",
        "NOTIFICATION",
        "INVESTIGATION_ID",
        "EXPIRY",
        "HOST_NAME",
        "IS_SEGREGATED",
        "MAC_ADDRESS",
        "SEAL_STATUS",
        "IS_DISABLED",
        "TRUNCATED",
        "SKIPPED_COUNT",
        "ERROR_COUNT",
        "DIRECTORY_LIST_COUNT",
        "GROUP_ID",
        "HOME_DIRECTORY",
        "SHELL",
        "HAS_PASSWORD",
        "LAST_LOGON",
        "SVC_START_TYPE",
        "SCANNED_COUNT",
        "LIMITS_REACHED",
        "PERFORMANCE_MODE",
    ];
}
