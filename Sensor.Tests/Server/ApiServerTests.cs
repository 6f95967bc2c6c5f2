using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Sensor.Server;
using Sensor.Server.Cli;
using Sensor.Server.Http;
using Sensor.Tests.Support;

namespace Sensor.Tests.Server;

/// <summary>The HTTP API over a real socket: the token, loopback only, tasks, revocation and the event stream.</summary>
[Platform("Linux")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ApiServerTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Test]
    public async Task Request_WithoutOrWithWrongToken_Refused401()
    {
        await using ServerTestBed bed = await ServerTestBed.StartAsync();
        foreach (string? token in new[] { null, "wrong-token-of-enough-length", bed.Token + "x", bed.Token[..^1] })
        {
            using HttpClient http = bed.Http(token);
            using HttpResponseMessage list = await http.GetAsync("api/sensors");
            using HttpResponseMessage task = await http.PostAsync($"api/sensors/{Guid.NewGuid()}/tasks", Json("""{"task":"os_version"}"""));
            using HttpResponseMessage events = await http.GetAsync("api/events?sid=x&timeout=1");
            Assert.That((list.StatusCode, task.StatusCode, events.StatusCode),
                Is.EqualTo((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized)), token ?? "no token");
        }

        using HttpClient good = bed.Http(bed.Token);
        using HttpResponseMessage ok = await good.GetAsync("api/sensors");
        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await ok.Content.ReadAsStringAsync(), Is.EqualTo("[]"));
    }

    [Test]
    public async Task Token_File_IsPrivate()
    {
        await using ServerTestBed bed = await ServerTestBed.StartAsync();
        Assert.That(File.GetUnixFileMode(ApiToken.PathIn(bed.Server.Root)), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public async Task Listen_ByDefault_LoopbackOnly()
    {
        Assert.That(IPAddress.IsLoopback(IPEndPoint.Parse(ServerVerbs.DefaultApiListen).Address), Is.True);
        await using ServerTestBed bed = await ServerTestBed.StartAsync();
        Uri api = bed.Host!.Api!.Address;
        Assert.That(IPAddress.IsLoopback(IPAddress.Parse(api.Host)), Is.True);

        // The same port on any of this machine's other addresses refuses the connection.
        IPAddress[] others = NetworkInterface.GetAllNetworkInterfaces().Where(i => i.OperationalStatus == OperationalStatus.Up)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)).ToArray();
        foreach (IPAddress address in others)
        {
            using var client = new TcpClient();
            Assert.ThrowsAsync<SocketException>(async () => await client.ConnectAsync(address, api.Port), address.ToString());
        }

        // And a non-loopback address is refused unless asked for explicitly.
        Assert.ThrowsAsync<ArgumentException>(async () => await ApiServer.StartAsync(new IPEndPoint(IPAddress.Any, 0), false, bed.Token,
            bed.Server, bed.Host.Registry, bed.Host.Tasks, bed.Host.Hub));
    }

    [Test]
    public async Task SendTask_BadTasks_RefusedWithUsage()
    {
        await using ServerTestBed bed = await ServerTestBed.StartAsync();
        var (_, sid) = await bed.EnrollAsync(new CountingTaskCommands());
        using HttpClient http = bed.Http(bed.Token);

        async Task<(HttpStatusCode, JsonElement)> Post(string sensor, string body)
        {
            using HttpResponseMessage response = await http.PostAsync($"api/sensors/{sensor}/tasks", Json(body));
            string text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
        }

        var (status, error) = await Post(sid, """{"task": "file_hash"}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error.GetProperty("usage").GetString(), Does.StartWith("usage: file_hash"));
        (status, error) = await Post(sid, """{"task": "dir_list -d nope / '*'"}""");
        Assert.That((status, error.GetProperty("usage").GetString()), Is.EqualTo((HttpStatusCode.BadRequest, Sensor.Commands.CommandTable.Find("dir_list")!.Usage)));
        (status, error) = await Post(sid, """{"task": "no_such_command x"}""");
        Assert.That((status, error.GetProperty("error").GetString()), Is.EqualTo((HttpStatusCode.BadRequest, "unknown command 'no_such_command' (the sensor's commands: sensor commands)")));
        (status, _) = await Post(sid, """{"task": "file_hash '/etc/pass"}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        (status, _) = await Post(sid, """{"task": "file_hash /etc/passwd", "ttl": 0}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        (status, _) = await Post(sid, "not json");
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        (status, _) = await Post(Guid.NewGuid().ToString(), """{"task": "file_hash /etc/passwd"}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
        (status, _) = await Post("..%2F..%2Fetc", """{"task": "file_hash /etc/passwd"}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(bed.Server.PendingTasks(sid), Is.Empty, "nothing refused was queued");

        (status, JsonElement accepted) = await Post(sid, """{"task": "file_hash \"/etc/pass\"wd", "investigation_id": "case/a/b", "ttl": 60}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(accepted.GetProperty("arguments")[0].GetString(), Is.EqualTo("/etc/passwd"));
        Assert.That(accepted.GetProperty("investigation_id").GetString(), Is.EqualTo("case/a/b"));
    }

    [Test]
    public async Task Revoke_ThenTask_Refused409AndListedRevoked()
    {
        await using ServerTestBed bed = await ServerTestBed.StartAsync();
        var (_, sid) = await bed.EnrollAsync(new CountingTaskCommands());
        using HttpClient http = bed.Http(bed.Token);
        using (HttpResponseMessage revoke = await http.PostAsync($"api/sensors/{sid}/revoke", null))
        {
            Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using HttpResponseMessage task = await http.PostAsync($"api/sensors/{sid}/tasks", Json("""{"task": "file_hash /etc/passwd"}"""));
        Assert.That(task.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        using ApiClient client = bed.Client();
        Assert.That((await client.SensorsAsync(CancellationToken.None)).Single().Revoked, Is.True);
    }

    [Test]
    public async Task TaskWait_RealSensor_PrintsReplyWithoutReceipt()
    {
        await using ServerTestBed bed = await ServerTestBed.StartAsync();
        var (_, sid) = await bed.EnrollAsync(new CountingTaskCommands());
        using ApiClient client = bed.Client();
        var output = new StringWriter();
        var errors = new StringWriter();
        int exit = await RemoteTask.RunAsync(client, sid, "file_info /etc/hostname", "case/wait", null, wait: true, 30, output, errors, CancellationToken.None);

        Assert.That(exit, Is.Zero, errors.ToString());
        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), output.ToString());
        using JsonDocument reply = JsonDocument.Parse(lines[0]);
        Assert.That(reply.RootElement.GetProperty("routing").GetProperty("event_type").GetString(), Is.EqualTo("FILE_INFO_REP"));
        Assert.That(reply.RootElement.GetProperty("routing").GetProperty("investigation_id").GetString(), Is.EqualTo("case/wait"));
        Assert.That(reply.RootElement.GetProperty("event").GetProperty("FILE_SIZE").GetInt64(), Is.EqualTo(new FileInfo("/etc/hostname").Length));

        // The console: two tasks piped in, each reply printed in order, done when the input ends.
        var console = new StringWriter();
        exit = await TaskConsole.RunAsync(client, null, 30, new StringReader("file_info /etc/hostname\n\n# a comment\nfile_hash /etc/hostname\n"),
            console, new StringWriter(), interactive: false, CancellationToken.None);
        Assert.That(exit, Is.Zero);
        Assert.That(console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("routing").GetProperty("event_type").GetString()),
            Is.EqualTo(new[] { "FILE_INFO_REP", "FILE_HASH_REP" }));
    }
}
