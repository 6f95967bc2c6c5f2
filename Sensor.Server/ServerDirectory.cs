using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Sensor.Agent;
using Sensor.Channel;

namespace Sensor.Server;

/// <summary>
/// The server's state directory. One file per fact so the CLI and the running server never rewrite each other's
/// files: <c>server.pfx</c> (TLS key), <c>installation-keys/ID</c>, <c>sensors/SID.json</c> (credential hash),
/// <c>revoked/SID</c>, <c>tasks/SID/TASKID.task</c> (pending) and <c>tasks-done/SID/</c>, <c>events/YYYY-MM-DD.jsonl</c>.
/// Secrets are written 0600 through <see cref="AtomicFile"/>.
/// </summary>
public sealed class ServerDirectory(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>Raised (with the sid) after a task is queued through this instance: the running server wakes the sensor's session.</summary>
    public event Action<string>? TaskQueued;

    /// <summary>Raised (with the sid) after a sensor is revoked through this instance: the running server closes its connection.</summary>
    public event Action<string>? SensorRevoked;
    public string CertificatePath => Path.Combine(Root, "server.pfx");
    /// <summary>The event log directory: one <c>YYYY-MM-DD.jsonl</c> file a day (<see cref="EventLog"/>).</summary>
    public string EventsPath => Path.Combine(Root, "events");
    private string KeysDirectory => Path.Combine(Root, "installation-keys");
    private string SensorsDirectory => Path.Combine(Root, "sensors");
    private string RevokedDirectory => Path.Combine(Root, "revoked");
    private string TasksDirectory => Path.Combine(Root, "tasks");
    private string DoneDirectory => Path.Combine(Root, "tasks-done");

    /// <summary>Creates the directory, a self-signed P-256 certificate for <paramref name="names"/>, and one installation key.</summary>
    public (SpkiPin Pin, string InstallationKey) Initialize(IReadOnlyList<string> names)
    {
        if (File.Exists(CertificatePath))
        {
            throw new InvalidOperationException($"{Root} is already initialized");
        }

        CreatePrivateDirectory(Root);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={names[0]}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (string name in names)
        {
            if (System.Net.IPAddress.TryParse(name, out var address))
            {
                san.AddIpAddress(address);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(20));
        AtomicFile.Write(CertificatePath, certificate.Export(X509ContentType.Pfx));
        return (SpkiPin.FromCertificate(certificate), AddInstallationKey());
    }

    public X509Certificate2 LoadCertificate() => X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, null);

    public string AddInstallationKey()
    {
        CreatePrivateDirectory(KeysDirectory);
        string id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        string key = id + "." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        AtomicFile.Write(Path.Combine(KeysDirectory, id), Encoding.UTF8.GetBytes(key));
        return key;
    }

    /// <summary>The id of a valid installation key, or null.</summary>
    public string? CheckInstallationKey(string key)
    {
        int dot = key.IndexOf('.');
        if (dot <= 0 || key.AsSpan(0, dot).ContainsAnyExcept("0123456789abcdef"))
        {
            return null;
        }

        string id = key[..dot];
        string path = Path.Combine(KeysDirectory, id);
        if (!File.Exists(path))
        {
            return null;
        }

        byte[] stored = File.ReadAllBytes(path);
        return CryptographicOperations.FixedTimeEquals(stored, Encoding.UTF8.GetBytes(key)) ? id : null;
    }

    public (string Sid, byte[] Credential) Enroll(string hostname, string installationKeyId)
    {
        CreatePrivateDirectory(SensorsDirectory);
        string sid = Guid.NewGuid().ToString("D");
        byte[] credential = RandomNumberGenerator.GetBytes(32);
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("sid", sid);
            json.WriteString("credential_sha256", Convert.ToHexStringLower(SHA256.HashData(credential)));
            json.WriteString("hostname", hostname);
            json.WriteNumber("enrolled_ms", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            json.WriteString("iid", installationKeyId);
            json.WriteEndObject();
        }

        AtomicFile.Write(Path.Combine(SensorsDirectory, sid + ".json"), buffer.ToArray());
        return (sid, credential);
    }

    public SensorRecord? FindSensor(string sid)
    {
        if (!IsSid(sid))
        {
            return null;
        }

        string path = Path.Combine(SensorsDirectory, sid + ".json");
        if (!File.Exists(path))
        {
            return null;
        }

        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        JsonElement root = document.RootElement;
        return new SensorRecord(sid, Convert.FromHexString(root.GetProperty("credential_sha256").GetString()!),
            root.GetProperty("hostname").GetString() ?? "", root.GetProperty("enrolled_ms").GetInt64(),
            root.GetProperty("iid").GetString() ?? "");
    }

    public IEnumerable<SensorRecord> Sensors() =>
        Directory.Exists(SensorsDirectory)
            ? Directory.EnumerateFiles(SensorsDirectory, "*.json").Select(p => FindSensor(Path.GetFileNameWithoutExtension(p))!)
            : [];

    /// <summary>True when the sid is enrolled, not revoked, and the credential is its own.</summary>
    public bool Authenticate(string sid, byte[] credential) =>
        FindSensor(sid) is { } record && !IsRevoked(sid)
        && CryptographicOperations.FixedTimeEquals(record.CredentialHash, SHA256.HashData(credential));

    public bool Revoke(string sid)
    {
        if (FindSensor(sid) is null)
        {
            return false;
        }

        CreatePrivateDirectory(RevokedDirectory);
        AtomicFile.Write(Path.Combine(RevokedDirectory, sid), Encoding.UTF8.GetBytes(
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
        SensorRevoked?.Invoke(sid);
        return true;
    }

    public bool IsRevoked(string sid) => IsSid(sid) && File.Exists(Path.Combine(RevokedDirectory, sid));

    /// <summary>Queues a task for a sensor; it is sent (again) on every connection until the sensor acknowledges it.</summary>
    public TaskMessage AddTask(string sid, string command, string[] arguments, byte[] investigationId, TimeSpan lifetime)
    {
        if (!IsSid(sid))
        {
            throw new ArgumentException($"'{sid}' is not a sensor id");
        }

        var task = new TaskMessage
        {
            TaskId = RandomNumberGenerator.GetBytes(16),
            InvestigationId = investigationId,
            Command = command,
            Arguments = arguments,
            ExpiryMs = DateTimeOffset.UtcNow.Add(lifetime).ToUnixTimeMilliseconds(),
        };
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        MessageCodec.WriteTask(buffer, task);
        string directory = Path.Combine(TasksDirectory, sid);
        CreatePrivateDirectory(TasksDirectory);
        CreatePrivateDirectory(directory);
        AtomicFile.Write(Path.Combine(directory, Convert.ToHexStringLower(task.TaskId) + ".task"), buffer.WrittenSpan);
        TaskQueued?.Invoke(sid);
        return task;
    }

    /// <summary>The tasks waiting for a sensor, oldest first, with their encoded message.</summary>
    public IEnumerable<(string TaskIdHex, byte[] Message)> PendingTasks(string sid)
    {
        string directory = Path.Combine(TasksDirectory, sid);
        if (!IsSid(sid) || !Directory.Exists(directory))
        {
            yield break;
        }

        foreach (var file in new DirectoryInfo(directory).GetFiles("*.task").OrderBy(f => f.CreationTimeUtc))
        {
            byte[] message;
            try
            {
                message = File.ReadAllBytes(file.FullName);
            }
            catch (FileNotFoundException)
            {
                continue; // acknowledged meanwhile
            }

            yield return (Path.GetFileNameWithoutExtension(file.Name), message);
        }
    }

    public void CompleteTask(string sid, ReadOnlySpan<byte> taskId)
    {
        string name = Convert.ToHexStringLower(taskId) + ".task";
        string source = Path.Combine(TasksDirectory, sid, name);
        if (!IsSid(sid) || !File.Exists(source))
        {
            return;
        }

        string done = Path.Combine(DoneDirectory, sid);
        CreatePrivateDirectory(DoneDirectory);
        CreatePrivateDirectory(done);
        File.Move(source, Path.Combine(done, name), overwrite: true);
    }

    /// <summary>Sids are the server's own GUIDs; checking the form keeps a hostile sid out of paths.</summary>
    public static bool IsSid(string sid) => sid.Length == 36 && Guid.TryParseExact(sid, "D", out _);

    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
