using Sensor.Events;
using Sensor.Platform.Inventory;

namespace Sensor.Commands.Inventory;

/// <summary>The <c>SVCS</c> entry shape os_services and os_drivers share.</summary>
internal static class ServiceFields
{
    public static void Write(EventBuilder reply, ServiceEntry service)
    {
        reply.Field(FieldNames.SvcName, service.Name);
        reply.Field(FieldNames.SvcDisplayName, service.DisplayName);
        reply.Field(FieldNames.SvcType, service.Type);
        if (service.State != 0)
        {
            reply.Field(FieldNames.SvcState, (long)service.State);
        }

        if (service.StartType.Length > 0)
        {
            reply.Field(FieldNames.SvcStartType, service.StartType);
        }

        if (service.ProcessId > 0)
        {
            reply.Field(FieldNames.ProcessId, (long)service.ProcessId);
        }

        reply.Field(FieldNames.Executable, service.Executable);
        reply.Field(FieldNames.FilePath, service.Definition);
    }
}
