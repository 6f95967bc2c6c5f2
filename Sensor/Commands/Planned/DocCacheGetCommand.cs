using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("doc_cache_get", 6, ReplyEvent = "GET_DOCUMENT_REP", Platforms = OsFamily.Windows | OsFamily.MacOS, Planned = true,
    Description = "Retrieve a document / file that was cached on the sensor.")]
public sealed partial class DocCacheGetCommand
{
    [Option("-f", "--file_pattern", Meta = "FILE_PATTERN", Help = "a pattern to match on the file path and name of the document, simple wildcards ? and * are supported")]
    public string? FilePattern { get; set; }

    [Option("-s", "--hash", Meta = "HASHSTR", Help = "hash of the document to get")]
    public string? Hash { get; set; }
}
