namespace Sensor.Tests.Support;

/// <summary>Writes an agent configuration file pointing at a loopback test server, for real <c>sensor run</c> processes.</summary>
public static class AgentConfigFile
{
    /// <param name="extra">more JSON members, with a leading comma (<c>, "log_file": "..."</c>).</param>
    public static string Write(string directory, int port, string pin, string installationKey, string extra = "")
    {
        string path = Path.Combine(directory, "sensor.json");
        File.WriteAllText(path, $$"""
            {"server": "127.0.0.1:{{port}}", "server_name": "localhost", "pins": ["{{pin}}"], "installation_key": "{{installationKey}}",
             "state_dir": "{{Path.Combine(directory, "state")}}", "ping_interval_ms": 200, "backoff_min_ms": 50, "backoff_max_ms": 300,
             "connect_timeout_ms": 2000, "handshake_timeout_ms": 2000{{extra}}}
            """);
        return path;
    }
}
