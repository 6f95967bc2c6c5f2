using Sensor.Events;
using Sensor.Platform;
using Sensor.Platform.Inventory;

namespace Sensor.Commands.Inventory;

/// <summary>The OS's name, version, kernel, architecture and build.</summary>
[Command("os_version", 39, ReplyEvent = "OS_VERSION_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Description = "Get detailed OS information on the endpoint.")]
public sealed partial class OsVersionCommand
{
    public static void Execute(OsVersionCommand arguments, CommandContext context)
    {
        _ = arguments;
        OsVersionInfo version = Os.GetOsVersion();
        EventBuilder reply = context.Reply;
        reply.Begin("OS_VERSION_REP");
        reply.Field(FieldNames.BuildNumber, version.BuildNumber);
        reply.Field(FieldNames.OsName, version.OsName);
        reply.Field(FieldNames.VersionString, version.VersionString);
        reply.Field(FieldNames.KernelVersion, version.KernelVersion);
        reply.Field(FieldNames.Architecture, version.Architecture);
        reply.End(ErrorCodes.Success);
    }
}
