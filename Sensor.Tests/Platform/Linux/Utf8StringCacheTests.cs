using System.Text;
using Sensor.Platform.Linux.Procfs;

namespace Sensor.Tests.Platform.Linux;

public sealed class Utf8StringCacheTests
{
    [Test]
    public void Get_SameTextTwice_SameInstance()
    {
        Utf8StringCache cache = Utf8StringCache.ForCurrentThread;
        string first = cache.Get("/usr/bin/bash"u8);
        string second = cache.Get("/usr/bin/bash"u8);
        Assert.That(first, Is.EqualTo("/usr/bin/bash"));
        Assert.That(second, Is.SameAs(first));
        Assert.That(cache.Get(""u8), Is.SameAs(string.Empty));
    }

    [TestCase(new byte[] { 0x61, 0xff, 0x62 })]
    [TestCase(new byte[] { 0xe2, 0x82 })]
    [TestCase(new byte[] { 0xc3, 0xa9, 0x2f, 0xf0, 0x9f, 0x98, 0x80 })]
    public void Get_AnyBytes_DecodesAsEncodingDoes(byte[] bytes)
    {
        Utf8StringCache cache = Utf8StringCache.ForCurrentThread;
        Assert.That(cache.Get(bytes), Is.EqualTo(Encoding.UTF8.GetString(bytes)));
        Assert.That(cache.Get(bytes), Is.EqualTo(Encoding.UTF8.GetString(bytes)), "from the cache");
    }

    [Test]
    public void Get_LongerThanKept_DecodedNotKept()
    {
        byte[] text = Encoding.ASCII.GetBytes(new string('x', Utf8StringCache.MaxKeptLength + 1));
        Utf8StringCache cache = Utf8StringCache.ForCurrentThread;
        string first = cache.Get(text);
        Assert.That(first, Has.Length.EqualTo(text.Length));
        Assert.That(cache.Get(text), Is.Not.SameAs(first));
    }

    [Test]
    public void Get_PastMaxEntries_StaysCorrect()
    {
        Utf8StringCache cache = Utf8StringCache.ForCurrentThread;
        for (int i = 0; i < Utf8StringCache.MaxEntries + 10; i++)
        {
            Assert.That(cache.Get(Encoding.ASCII.GetBytes($"p{i}")), Is.EqualTo($"p{i}"));
        }
    }
}
