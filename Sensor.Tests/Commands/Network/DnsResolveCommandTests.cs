using System.Text.Json;
using Sensor.Commands.Network;
using Sensor.Tests.Support;

namespace Sensor.Tests.Commands.Network;

[Platform("Linux")]
public sealed class DnsResolveCommandTests
{
    [Test]
    public void Execute_Localhost_OneEventPerAnswerThenReceipt()
    {
        var (sink, context) = RecordingSink.Create();
        DnsResolveCommand.Execute(new DnsResolveCommand { Domain = "localhost" }, context);

        Assert.That(sink.Events, Has.Count.GreaterThanOrEqualTo(2));
        JsonElement receipt = sink.Events[^1].RootElement;
        Assert.That(receipt.GetProperty("routing").GetProperty("event_type").GetString(), Is.EqualTo("RECEIPT"));
        Assert.That(receipt.GetProperty("event").GetProperty("ERROR").GetInt32(), Is.Zero);

        var answers = sink.Events.Take(sink.Events.Count - 1).Select(d => d.RootElement).ToList();
        var ids = new HashSet<long>();
        foreach (JsonElement answer in answers)
        {
            Assert.That(answer.GetProperty("routing").GetProperty("event_type").GetString(), Is.EqualTo("DNS_REQUEST"));
            JsonElement ev = answer.GetProperty("event");
            string address = ev.GetProperty("IP_ADDRESS").GetString()!;
            Assert.That(ev.GetProperty("DOMAIN_NAME").GetString(), Is.EqualTo("localhost"));
            Assert.That(ev.GetProperty("DNS_TYPE").GetInt32(), Is.EqualTo(address.Contains(':') ? 28 : 1));
            Assert.That(System.Net.IPAddress.IsLoopback(System.Net.IPAddress.Parse(address)), Is.True, address);
            ids.Add(ev.GetProperty("MESSAGE_ID").GetInt64());
        }

        Assert.That(ids, Has.Count.EqualTo(1));
        // getent asks the same resolver (NSS): its IPv4 answers for localhost must be among ours.
        var getent = ToolOutput.Run("getent", "ahostsv4", "localhost").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ')[0]).ToHashSet();
        Assert.That(answers.Select(a => a.GetProperty("event").GetProperty("IP_ADDRESS").GetString()), Is.SupersetOf(getent));
    }

    [TestCase("")]
    [TestCase("bad name")]
    [TestCase("a\u0001b")]
    public void Execute_NotADomain_ReceiptWithInvalidParameter(string domain)
    {
        var (sink, context) = RecordingSink.Create();
        DnsResolveCommand.Execute(new DnsResolveCommand { Domain = domain }, context);
        Assert.That(sink.Single().GetProperty("ERROR").GetInt32(), Is.EqualTo(87));
    }

    [Test]
    public void Execute_TooLong_ReceiptWithInvalidParameter()
    {
        var (sink, context) = RecordingSink.Create();
        DnsResolveCommand.Execute(new DnsResolveCommand { Domain = new string('a', 254) }, context);
        Assert.That(sink.Single().GetProperty("ERROR").GetInt32(), Is.EqualTo(87));
    }

    [Test]
    public void Execute_UnresolvableName_ReceiptWithError()
    {
        var (sink, context) = RecordingSink.Create();
        DnsResolveCommand.Execute(new DnsResolveCommand { Domain = "no-such-host.invalid" }, context);
        JsonElement receipt = sink.Single();
        Assert.That(receipt.GetProperty("ERROR").GetInt32(), Is.Not.Zero);
        Assert.That(receipt.GetProperty("ERROR_MESSAGE").GetString(), Is.Not.Empty);
    }
}
