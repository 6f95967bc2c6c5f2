using System.Security.Cryptography.X509Certificates;
using Sensor.Agent;
using Sensor.Channel;
using Sensor.Tests.Support;

namespace Sensor.Tests.Channel;

/// <summary>Pinning over real TLS on loopback, with certificates made in the test.</summary>
[NonParallelizable]
public sealed class PinnedTlsClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private static async Task<bool> ConnectsAsync(X509Certificate2 serverCertificate, PinSet pins, string serverName = "localhost")
    {
        await using var server = new HostileTlsServer(serverCertificate);
        try
        {
            await using var stream = await PinnedTlsClient.ConnectAsync("127.0.0.1", server.Port, serverName, pins, Timeout, Timeout, CancellationToken.None);
            return true;
        }
        catch (PinningException)
        {
            return false;
        }
    }

    [Test]
    public async Task ConnectAsync_PrimaryPinMatches_Connects()
    {
        using X509Certificate2 certificate = TestCertificates.SelfSigned("localhost");
        Assert.That(await ConnectsAsync(certificate, new PinSet(SpkiPin.FromCertificate(certificate))), Is.True);
    }

    [Test]
    public async Task ConnectAsync_BackupPinMatches_Connects()
    {
        using X509Certificate2 certificate = TestCertificates.SelfSigned("localhost");
        using X509Certificate2 other = TestCertificates.SelfSigned("localhost");
        Assert.That(await ConnectsAsync(certificate, new PinSet(SpkiPin.FromCertificate(other), SpkiPin.FromCertificate(certificate))), Is.True);
    }

    [Test]
    public async Task ConnectAsync_WrongKeySameName_Refused()
    {
        using X509Certificate2 pinned = TestCertificates.SelfSigned("localhost");
        using X509Certificate2 impostor = TestCertificates.SelfSigned("localhost");
        Assert.That(await ConnectsAsync(impostor, new PinSet(SpkiPin.FromCertificate(pinned))), Is.False);
    }

    [Test]
    public async Task ConnectAsync_AnotherCaForTheRightName_Refused()
    {
        using X509Certificate2 pinned = TestCertificates.SelfSigned("localhost");
        var (ca, leaf) = TestCertificates.Issued("localhost");
        using (ca)
        using (leaf)
        {
            Assert.That(await ConnectsAsync(leaf, new PinSet(SpkiPin.FromCertificate(pinned))), Is.False);
            // Pins name the server's own key: pinning the issuing CA does not admit the leaf it signed.
            Assert.That(await ConnectsAsync(leaf, new PinSet(SpkiPin.FromCertificate(ca))), Is.False);
        }
    }

    [Test]
    public async Task ConnectAsync_UnpinnedKeyWithBackupConfigured_Refused()
    {
        using X509Certificate2 primary = TestCertificates.SelfSigned("localhost");
        using X509Certificate2 backup = TestCertificates.SelfSigned("localhost");
        using X509Certificate2 unpinned = TestCertificates.SelfSigned("localhost");
        Assert.That(await ConnectsAsync(unpinned, new PinSet(SpkiPin.FromCertificate(primary), SpkiPin.FromCertificate(backup))), Is.False);
    }

    [Test]
    public async Task ConnectAsync_WrongNameWithPinnedKey_Refused()
    {
        using X509Certificate2 certificate = TestCertificates.SelfSigned("other.example");
        Assert.That(await ConnectsAsync(certificate, new PinSet(SpkiPin.FromCertificate(certificate))), Is.False);
    }

    [Test]
    public async Task ConnectAsync_ExpiredWithPinnedKey_ConnectsByDecision()
    {
        // docs/protocol.md §3: the pinned key is the identity; endpoint clocks are too often wrong to refuse on dates.
        using X509Certificate2 expired = TestCertificates.SelfSigned("localhost",
            DateTimeOffset.UtcNow.AddYears(-2), DateTimeOffset.UtcNow.AddYears(-1));
        Assert.That(await ConnectsAsync(expired, new PinSet(SpkiPin.FromCertificate(expired))), Is.True);
    }

    [Test]
    public async Task ConnectAsync_ExpiredWithUnpinnedKey_Refused()
    {
        using X509Certificate2 pinned = TestCertificates.SelfSigned("localhost");
        using X509Certificate2 expired = TestCertificates.SelfSigned("localhost",
            DateTimeOffset.UtcNow.AddYears(-2), DateTimeOffset.UtcNow.AddYears(-1));
        Assert.That(await ConnectsAsync(expired, new PinSet(SpkiPin.FromCertificate(pinned))), Is.False);
    }

    [Test]
    [Platform("Linux")]
    public async Task ChannelAgent_RefusedServerSendsTask_NothingProcessed()
    {
        using X509Certificate2 pinned = TestCertificates.SelfSigned("localhost");
        using X509Certificate2 impostor = TestCertificates.SelfSigned("localhost");
        await using var server = new HostileTlsServer(impostor);
        await using var bed = new ChannelTestBed();
        var commands = new TestTaskCommands();
        var agent = bed.StartAgent(bed.Config(port: server.Port, primary: SpkiPin.FromCertificate(pinned)), commands);

        await ChannelTestBed.WaitUntilAsync(() => agent.LastError?.Contains("matches neither pin") == true, "the refusal");
        await Task.Delay(300);

        Assert.That(agent.Sessions, Is.Zero);
        Assert.That(agent.TasksReceived, Is.Zero);
        Assert.That(commands.Runs, Is.Empty);
        Assert.That(agent.Sid, Is.Null, "no identity was taken from the refused server");
        Assert.That(File.Exists(Path.Combine(bed.Root, "state", "identity.json")), Is.False);
        // (The server's side may count its handshake as done: in TLS 1.3 it finishes before the client has judged the
        // certificate. What matters is that the sensor read nothing from it.)
    }

    [Test]
    [Platform("Linux")]
    public async Task ChannelAgent_PeerSendsHalfAFrameAndStalls_TimedOutAndReconnects()
    {
        using X509Certificate2 certificate = TestCertificates.SelfSigned("localhost");
        await using var server = new HostileTlsServer(certificate, stallAfterWelcome: true);
        await using var bed = new ChannelTestBed();
        var agent = bed.StartAgent(bed.Config(port: server.Port, primary: SpkiPin.FromCertificate(certificate),
            readTimeout: TimeSpan.FromMilliseconds(500)), new TestTaskCommands());

        await ChannelTestBed.WaitUntilAsync(() => agent.Sessions >= 2, "a timeout and a second connection");
        Assert.That(bed.Log, Has.Some.Contains("ReadTimeout"));
    }

    [Test]
    [Platform("Linux")]
    public async Task ChannelAgent_ServerClockAnHourAhead_TimedeltaInDebugData()
    {
        using X509Certificate2 certificate = TestCertificates.SelfSigned("localhost");
        await using var server = new HostileTlsServer(certificate, clockOffset: TimeSpan.FromHours(1));
        await using var bed = new ChannelTestBed();
        var agent = bed.StartAgent(bed.Config(port: server.Port, primary: SpkiPin.FromCertificate(certificate)), new TestTaskCommands());
        await ChannelTestBed.WaitUntilAsync(() => agent.Sessions >= 1 && Math.Abs(ServerClock.DeltaMs - 3_600_000) < 60_000, "the welcome");

        var (sink, context) = RecordingSink.Create();
        Sensor.Commands.Diagnostics.GetDebugDataCommand.Execute(new Sensor.Commands.Diagnostics.GetDebugDataCommand(), context);
        Assert.That(sink.Single().GetProperty("TIMEDELTA").GetInt64(), Is.InRange(3_600_000 - 60_000, 3_600_000 + 60_000));
    }
}
