using System.Text;
using Sensor.Platform.Linux.Sessions;

namespace Sensor.Tests.Platform.Linux;

public sealed class LoginctlUserListParserTests
{
    private static List<(uint Uid, string Name)> Parse(byte[] output)
    {
        var users = new List<(uint Uid, string Name)>();
        LoginctlUserListParser.Parse(output, users);
        return users;
    }

    [Test]
    public void Parse_Sample_EveryUserWithUid()
    {
        byte[] sample = File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "Samples", "Sessions", "loginctl-list-users.txt"));

        var users = Parse(sample);

        Assert.That(users, Is.EqualTo(new List<(uint, string)> { (0, "root"), (1000, "alice"), (1001, "bob"), (65534, "nobody"), (999, "svc-backup") }));
        Assert.That(users.Where(u => LoginctlUserListParser.IsRegularUser(u.Uid)).Select(u => u.Name), Is.EqualTo(new[] { "alice", "bob" }));
    }

    [TestCase("")]
    [TestCase("\n\n")]
    [TestCase("No users.\n")]
    [TestCase("UID USER LINGER STATE\n")]
    [TestCase("-1 evil\n")]
    [TestCase("99999999999 overflow\n")]
    [TestCase("1000\n")]
    public void Parse_EmptyOrMalformed_NoUsers(string output) => Assert.That(Parse(Encoding.UTF8.GetBytes(output)), Is.Empty);

    [Test]
    public void Parse_OldFormatTwoColumnsNoTrailingNewline_Parsed() =>
        Assert.That(Parse("      1000 alice"u8.ToArray()), Is.EqualTo(new List<(uint, string)> { (1000, "alice") }));
}
