using Sensor.Server.Registry;

namespace Sensor.Server.Cli;

/// <summary>
/// The prompt of <c>./build.sh run</c>: each line read is a task for one sensor, its replies are printed as they
/// arrive, and at the end of the input the console returns once the last task's reply is in. Blank lines and
/// <c>#</c> comments are skipped; <c>exit</c> or <c>quit</c> ends it. Tasks run one after the other, so replies
/// never interleave.
/// </summary>
public static class TaskConsole
{
    /// <summary>0 when every task was queued and answered without an error, else 1.</summary>
    public static async Task<int> RunAsync(ApiClient client, string? sid, int timeoutSeconds, TextReader input, TextWriter output,
        TextWriter errors, bool interactive, CancellationToken cancellation)
    {
        sid ??= await OnlySensorAsync(client, cancellation).ConfigureAwait(false);
        if (interactive)
        {
            await errors.WriteLineAsync($"tasking sensor {sid}; type a command (e.g. os_version, file_hash /etc/passwd), Ctrl-D to end").ConfigureAwait(false);
        }

        int status = 0;
        while (!cancellation.IsCancellationRequested)
        {
            if (interactive)
            {
                await errors.WriteAsync("sensor> ").ConfigureAwait(false);
                await errors.FlushAsync(cancellation).ConfigureAwait(false);
            }

            string? line = await input.ReadLineAsync(cancellation).ConfigureAwait(false);
            if (line is null)
            {
                break;
            }

            line = line.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line is "exit" or "quit")
            {
                break;
            }

            int code = await RemoteTask.RunAsync(client, sid, line, null, null, wait: true, timeoutSeconds, output, errors, cancellation)
                .ConfigureAwait(false);
            status |= code == 0 ? 0 : 1;
        }

        return status;
    }

    private static async Task<string> OnlySensorAsync(ApiClient client, CancellationToken cancellation)
    {
        List<SensorInfo> sensors = (await client.SensorsAsync(cancellation).ConfigureAwait(false)).Where(s => !s.Revoked).ToList();
        return sensors.Count switch
        {
            1 => sensors[0].Sid,
            0 => throw new CliException("no sensor is enrolled yet"),
            _ => throw new CliException($"{sensors.Count} sensors are enrolled: name one (sensor-server sensors)"),
        };
    }
}
