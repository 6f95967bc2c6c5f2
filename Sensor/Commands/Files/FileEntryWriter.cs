using Sensor.Events;
using Sensor.Platform;

namespace Sensor.Commands.Files;

/// <summary>The size, times and attributes fields shared by file_info, dir_list and dir_find_hash.</summary>
public static class FileEntryWriter
{
    public static void WriteStatus(EventBuilder reply, in FileStatus status)
    {
        reply.Field(FieldNames.FileSize, status.Size);
        reply.Field(FieldNames.Attributes, (long)status.Attributes);
        reply.Field(FieldNames.CreationTime, status.CreationTimeMs);
        reply.Field(FieldNames.ModificationTime, status.ModificationTimeMs);
        reply.Field(FieldNames.AccessTime, status.AccessTimeMs);
    }
}
