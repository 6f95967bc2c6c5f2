using Sensor.Events;
using Sensor.Platform;
using Sensor.Platform.Processes;

namespace Sensor.Commands.Processes;

/// <summary>Writes the process record of os_processes (and <c>PROCESS{...}</c> of other events) into the open map.</summary>
public sealed class ProcessRecordWriter
{
    private readonly List<MemoryRegion> _regions = [];
    private readonly byte[] _hash = new byte[32];

    public void WriteFields(EventBuilder reply, ProcessEntry entry, bool withModules)
    {
        bool hashed = entry.FilePath.Length > 0 && ExecutableHashCache.TryGet(entry.ProcessId, _hash);
        WriteFields(reply, entry, hashed ? _hash : default, withModules);
    }

    /// <summary>The record with the executable's hash already known (empty: none).</summary>
    public void WriteFields(EventBuilder reply, ProcessEntry entry, ReadOnlySpan<byte> hash, bool withModules)
    {
        reply.Field(FieldNames.ProcessId, entry.ProcessId);
        reply.Field(FieldNames.ParentProcessId, entry.ParentProcessId);
        reply.Field(FieldNames.FilePath, entry.FilePath);
        reply.Field(FieldNames.CommandLine, entry.CommandLine);
        reply.Field(FieldNames.UserName, entry.UserName);
        reply.Field(FieldNames.UserId, entry.UserId);
        reply.Field(FieldNames.Threads, entry.Threads);
        reply.Field(FieldNames.MemoryUsage, entry.MemoryUsage);
        reply.Field(FieldNames.BaseAddress, entry.BaseAddress);
        if (!hash.IsEmpty)
        {
            reply.FieldHex(FieldNames.Hash, hash);
        }

        if (withModules)
        {
            reply.BeginArray(FieldNames.Modules);
            if (Os.ListRegions(entry.ProcessId, _regions) == ErrorCodes.Success)
            {
                WriteModules(reply, entry.ProcessId, _regions);
            }

            reply.EndArray();
        }
    }

    /// <summary>
    /// Modules are the files mapped with execute rights; each is reported once, from its lowest mapping to the end
    /// of its highest (all segments of the file).
    /// </summary>
    private static void WriteModules(EventBuilder reply, int processId, List<MemoryRegion> regions)
    {
        for (int i = 0; i < regions.Count; i++)
        {
            MemoryRegion r = regions[i];
            if (!r.IsExecutable || r.Inode == 0 || r.FilePath.Length == 0 || r.FilePath[0] != '/')
            {
                continue;
            }

            ulong baseAddress = r.BaseAddress;
            ulong end = r.EndAddress;
            for (int k = i - 1; k >= 0 && regions[k].Inode == r.Inode && regions[k].Device == r.Device; k--)
            {
                baseAddress = regions[k].BaseAddress;
            }

            int j = i + 1;
            for (; j < regions.Count && regions[j].Inode == r.Inode && regions[j].Device == r.Device; j++)
            {
                end = regions[j].EndAddress;
            }

            reply.BeginMapItem();
            reply.Field(FieldNames.ModuleName, Path.GetFileName(r.FilePath));
            reply.Field(FieldNames.FilePath, r.FilePath);
            reply.Field(FieldNames.BaseAddress, baseAddress);
            reply.Field(FieldNames.MemorySize, end - baseAddress);
            reply.Field(FieldNames.ProcessId, processId);
            reply.EndMap();
            i = j - 1;
        }
    }
}
