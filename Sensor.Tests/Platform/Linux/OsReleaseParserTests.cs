using Sensor.Platform.Linux.Inventory;

namespace Sensor.Tests.Platform.Linux;

public sealed class OsReleaseParserTests
{
    private static byte[] Sample(string name) =>
        File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "Samples", "Inventory", name));

    [Test]
    public void GetValue_DebianFile_ReadsQuotedAndBareValues()
    {
        byte[] content = Sample("os-release-debian12");
        Assert.Multiple(() =>
        {
            Assert.That(OsReleaseParser.GetValue(content, "NAME"u8), Is.EqualTo("Debian GNU/Linux"));
            Assert.That(OsReleaseParser.GetValue(content, "VERSION_ID"u8), Is.EqualTo("12"));
            Assert.That(OsReleaseParser.GetValue(content, "VERSION"u8), Is.EqualTo("12 (bookworm)"));
            Assert.That(OsReleaseParser.GetValue(content, "ID"u8), Is.EqualTo("debian"));
            Assert.That(OsReleaseParser.GetValue(content, "MISSING"u8), Is.Null);
        });
    }

    [Test]
    public void GetValue_QuotingAndEscapes_Unquotes()
    {
        byte[] content = Sample("os-release-quoted");
        Assert.Multiple(() =>
        {
            Assert.That(OsReleaseParser.GetValue(content, "NAME"u8), Is.EqualTo("Single Quoted"));
            Assert.That(OsReleaseParser.GetValue(content, "VERSION"u8), Is.EqualTo("1.0 \"beta\" (x)"));
            Assert.That(OsReleaseParser.GetValue(content, "ID"u8), Is.EqualTo("unquoted"));
            Assert.That(OsReleaseParser.GetValue(content, "a comment"u8), Is.Null);
        });
    }
}
