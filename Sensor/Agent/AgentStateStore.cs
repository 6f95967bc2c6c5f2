using System.Text;
using System.Text.Json;

namespace Sensor.Agent;

/// <summary>
/// The state directory: <c>identity.json</c> (sid and credential, mode 0600, replaced atomically), the seen task ids
/// and the status file. The directory itself is created 0700.
/// </summary>
public sealed class AgentStateStore
{
    public AgentStateStore(string directory)
    {
        Directory = directory;
        if (!OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        else
        {
            System.IO.Directory.CreateDirectory(directory);
        }
    }

    public string Directory { get; }

    public string IdentityPath => Path.Combine(Directory, "identity.json");

    public string StatusPath => Path.Combine(Directory, "status.json");

    public string SeenTasksPath => Path.Combine(Directory, "seen-tasks.log");

    /// <summary>The stored identity, or null before enrollment. A corrupt file is an error, not a silent re-enrollment.</summary>
    public AgentIdentity? LoadIdentity()
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(IdentityPath);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(bytes);
            string sid = document.RootElement.GetProperty("sid").GetString() ?? "";
            byte[] credential = Convert.FromBase64String(document.RootElement.GetProperty("credential").GetString() ?? "");
            if (sid.Length == 0 || credential.Length == 0)
            {
                throw new AgentConfigException($"{IdentityPath} holds an empty sid or credential");
            }

            return new AgentIdentity(sid, credential);
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new AgentConfigException($"{IdentityPath} is corrupt ({e.Message}); restore it or delete it to enroll again", e);
        }
    }

    public void SaveIdentity(AgentIdentity identity)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("sid", identity.Sid);
            json.WriteString("credential", Convert.ToBase64String(identity.Credential));
            json.WriteEndObject();
        }

        AtomicFile.Write(IdentityPath, buffer.ToArray());
    }

    public void SaveStatus(string json) => AtomicFile.Write(StatusPath, Encoding.UTF8.GetBytes(json));
}
