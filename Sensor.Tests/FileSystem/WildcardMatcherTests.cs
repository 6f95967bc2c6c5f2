using System.Text;
using Sensor.FileSystem;

namespace Sensor.Tests.FileSystem;

/// <summary>The prepared shapes must answer exactly as the general glob, on valid and malformed UTF-8 names.</summary>
public sealed class WildcardMatcherTests
{
    private static readonly byte[][] Names =
    [
        "a.dll"u8.ToArray(), ".dll"u8.ToArray(), "a.DLL"u8.ToArray(), "dll"u8.ToArray(), "x.dll.bak"u8.ToArray(),
        "libfoo.so.1"u8.ToArray(), "foo"u8.ToArray(), "foobar"u8.ToArray(), "barfoo"u8.ToArray(), "f"u8.ToArray(),
        "é.dll"u8.ToArray(), "naïve.conf"u8.ToArray(), "日本.txt"u8.ToArray(), "q1.conf"u8.ToArray(), "q22.conf"u8.ToArray(),
        [0xff, 0xfe, (byte)'.', (byte)'d', (byte)'l', (byte)'l'],
        [0xe9, (byte)'.', (byte)'d', (byte)'l', (byte)'l'],
        [0xc3, (byte)'x', (byte)'.', (byte)'d', (byte)'l', (byte)'l'],
        [(byte)'b', (byte)'a', (byte)'d', 0x80, (byte)'f', (byte)'o', (byte)'o'],
    ];

    [TestCase("*")]
    [TestCase("**")]
    [TestCase("*.dll")]
    [TestCase("foo*")]
    [TestCase("*foo*")]
    [TestCase("*o*")]
    [TestCase("foo")]
    [TestCase("a.dll")]
    [TestCase("*.so*")]
    [TestCase("q?.conf")]
    [TestCase("?.dll")]
    [TestCase("*a*l*")]
    [TestCase("")]
    public void IsMatch_EveryShape_SameAsGeneralGlob(string expression)
    {
        byte[] pattern = Encoding.UTF8.GetBytes(expression);
        var matcher = new WildcardMatcher(pattern);
        foreach (byte[] name in Names)
        {
            Assert.That(matcher.IsMatch(name), Is.EqualTo(WildcardPattern.IsMatch(pattern, name)), $"{expression} vs {Convert.ToHexString(name)}");
        }
    }

    [TestCase("*.dll", "a.dll", true)]
    [TestCase("*.dll", "a.dll.bak", false)]
    [TestCase("*.dll", ".dll", true)]
    [TestCase("foo*", "foo", true)]
    [TestCase("*foo*", "xfooy", true)]
    [TestCase("*foo*", "fo", false)]
    [TestCase("?.dll", "é.dll", true)]
    [TestCase("??.dll", "é.dll", false)]
    [TestCase("*", "anything", true)]
    public void IsMatch_Examples(string expression, string name, bool expected)
    {
        var matcher = new WildcardMatcher(Encoding.UTF8.GetBytes(expression));
        Assert.That(matcher.IsMatch(Encoding.UTF8.GetBytes(name)), Is.EqualTo(expected));
    }

    [Test]
    public void IsMatch_StrayLeadByteBeforeSuffix_StillMatches()
    {
        // A lone lead byte (Latin-1 'é' written raw) must not swallow the ASCII after it: find -name '*.dll' lists it.
        byte[] name = [0xe9, (byte)'.', (byte)'d', (byte)'l', (byte)'l'];
        Assert.Multiple(() =>
        {
            Assert.That(WildcardPattern.IsMatch("*.dll"u8, name), Is.True);
            Assert.That(WildcardPattern.IsMatch("?.dll"u8, name), Is.True);
            Assert.That(new WildcardMatcher("*.dll"u8).IsMatch(name), Is.True);
        });
    }

    [Test]
    public void MatchesEverything_OnlyForStars()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new WildcardMatcher("*"u8).MatchesEverything, Is.True);
            Assert.That(new WildcardMatcher("***"u8).MatchesEverything, Is.True);
            Assert.That(new WildcardMatcher("*.*"u8).MatchesEverything, Is.False);
            Assert.That(new WildcardMatcher("?"u8).MatchesEverything, Is.False);
        });
    }
}
