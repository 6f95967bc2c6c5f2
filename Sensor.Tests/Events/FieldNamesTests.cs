using System.Text;
using Sensor.Events;

namespace Sensor.Tests.Events;

/// <summary>Field names are a public interface: these are the reference's spellings and they only ever grow.</summary>
public sealed class FieldNamesTests
{
    [Test]
    public void All_ReferenceNames_PresentAndSpelledExactly()
    {
        string[] reference =
        [
            "ERROR", "ERROR_MESSAGE", "FILE_PATH", "HASH", "FILE_SIZE", "ACCESS_TIME", "CREATION_TIME", "MODIFICATION_TIME",
            "ATTRIBUTES", "FILE_CONTENT", "SOURCE", "DESTINATION", "DIRECTORY_PATH", "DIRECTORY_LIST_DEPTH", "DIRECTORY_LIST",
            "FILE_NAME", "PROCESSES", "PROCESS_ID", "PARENT_PROCESS_ID", "COMMAND_LINE", "MEMORY_MAP", "MEMORY_TYPE",
            "MEMORY_ACCESS", "MEMORY_DUMP", "STRINGSA", "STRINGSW", "STRINGS_FOUND", "NETWORK_ACTIVITY", "PROTOCOL",
            "IP_ADDRESS", "PORT", "STATE", "BUILD_NUMBER", "SVCS", "AUTORUNS", "PACKAGES", "USERS", "INTERFACE",
            "DOMAIN_NAME", "DNS_TYPE", "MESSAGE_ID", "LOSS_ACCOUNTING", "RULE_NAME",
        ];
        Assert.That(FieldNames.All, Is.SupersetOf(reference));
    }

    [Test]
    public void All_Names_AreUniqueUpperSnake()
    {
        Assert.Multiple(() =>
        {
            Assert.That(FieldNames.All, Is.Unique);
            Assert.That(FieldNames.All, Is.All.Match("^[A-Z0-9]+(_[A-Z0-9]+)*$"));
        });
    }

    [Test]
    public void Constants_MatchTheirNames()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetString(FieldNames.FilePath), Is.EqualTo("FILE_PATH"));
            Assert.That(Encoding.UTF8.GetString(FieldNames.Stringsa), Is.EqualTo("STRINGSA"));
            Assert.That(Encoding.UTF8.GetString(FieldNames.DirectoryListDepth), Is.EqualTo("DIRECTORY_LIST_DEPTH"));
        });
    }
}
