using NUnit.Framework;
using Sensor.Commands;

namespace Sensor.Tests.Generators;

[TestFixture]
public sealed class ArgumentParsingTests
{
    [TestCase("-o", true)]
    [TestCase("--offset", true)]
    [TestCase("--", true)]
    [TestCase("-1", false)]
    [TestCase("-", false)]
    [TestCase("file", false)]
    [TestCase("", false)]
    public void IsOptionToken_Token_Classified(string token, bool expected)
    {
        Assert.That(ArgumentParsing.IsOptionToken(token), Is.EqualTo(expected));
    }

    [Test]
    public void SplitOption_WithEquals_SplitsAtFirst()
    {
        Assert.That(ArgumentParsing.SplitOption("--exp=a=b", out string? inline), Is.EqualTo("--exp"));
        Assert.That(inline, Is.EqualTo("a=b"));
        Assert.That(ArgumentParsing.SplitOption("--exp", out inline), Is.EqualTo("--exp"));
        Assert.That(inline, Is.Null);
    }

    [TestCase("2147483647", false, true, int.MaxValue)]
    [TestCase("-2147483648", false, true, int.MinValue)]
    [TestCase("2147483648", false, false, 0)]
    [TestCase("0x7fffffff", true, true, int.MaxValue)]
    [TestCase("ffffffff", true, false, 0)]
    [TestCase(" 1", false, false, 0)]
    [TestCase("1_000", false, false, 0)]
    public void TryParseInt32_Text_ParsesWithinRange(string text, bool hex, bool ok, int expected)
    {
        Assert.That(ArgumentParsing.TryParseInt32(text, hex, out int value), Is.EqualTo(ok));
        Assert.That(value, Is.EqualTo(expected));
    }

    [TestCase("-0x8000000000000000", true, long.MinValue)]
    [TestCase("0x7fffffffffffffff", true, long.MaxValue)]
    [TestCase("-42", false, -42L)]
    public void TryParseInt64_Extremes_Parse(string text, bool hex, long expected)
    {
        Assert.That(ArgumentParsing.TryParseInt64(text, hex, out long value), Is.True);
        Assert.That(value, Is.EqualTo(expected));
    }

    [TestCase("-1", false)]
    [TestCase("0x", true)]
    [TestCase("-0x1", true)]
    [TestCase("0x10000000000000000", true)]
    public void TryParseUInt64_Invalid_Fails(string text, bool hex)
    {
        Assert.That(ArgumentParsing.TryParseUInt64(text, hex, out _), Is.False);
    }

    [Test]
    public void TryTakeValue_AtEnd_Fails()
    {
        string[] argv = ["-o"];
        int index = 0;

        Assert.That(ArgumentParsing.TryTakeValue(argv, ref index, null, out _), Is.False);
    }
}
