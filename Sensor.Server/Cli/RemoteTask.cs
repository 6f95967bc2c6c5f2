using System.Security.Cryptography;
using System.Text.Json;
using Sensor.Server.Http;

namespace Sensor.Server.Cli;

/// <summary>
/// One task through the API, as the <c>task</c> verb and the console run it: subscribe to the task's events first
/// (so none is missed), queue the task, then with <c>wait</c> print its events as JSON lines, receipt skipped, until
/// <see cref="ReplyCompletion"/> says the answer is complete or the timeout passes.
/// </summary>
public static class RemoteTask
{
    public const int ExitRefused = 2;
    public const int ExitTimeout = 3;

    /// <summary>Exit code: 0 when queued (or, waiting, when the reply has ERROR 0), 1 for a reply with an error, 2 refused, 3 timed out.</summary>
    public static async Task<int> RunAsync(ApiClient client, string sid, string line, string? investigationId, int? ttl, bool wait,
        int timeoutSeconds, TextWriter output, TextWriter errors, CancellationToken cancellation)
    {
        // A fresh investigation id per waited task keeps its stream apart from everything else the sensor sends.
        investigationId ??= wait ? "cli/" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) : "";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        if (wait && timeoutSeconds > 0)
        {
            deadline.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        }

        HttpResponseMessage? stream = wait
            ? await client.OpenEventsAsync(sid, investigationId, timeoutSeconds, deadline.Token).ConfigureAwait(false)
            : null;
        using (stream)
        {
            var (accepted, refused) = await client.SendTaskAsync(sid, new TaskRequest { Task = line, InvestigationId = investigationId, Ttl = ttl },
                cancellation).ConfigureAwait(false);
            if (accepted is null)
            {
                await errors.WriteLineAsync($"task refused: {refused?.Error}").ConfigureAwait(false);
                if (refused?.Usage is { } usage)
                {
                    await errors.WriteLineAsync(usage).ConfigureAwait(false);
                }

                return ExitRefused;
            }

            if (stream is null)
            {
                await output.WriteLineAsync(accepted.TaskId).ConfigureAwait(false);
                return 0;
            }

            await errors.WriteLineAsync($"task {accepted.TaskId} queued for {sid}").ConfigureAwait(false);
            try
            {
                using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false));
                while (await reader.ReadLineAsync(deadline.Token).ConfigureAwait(false) is { } eventLine)
                {
                    if (eventLine.Length == 0)
                    {
                        continue;
                    }

                    using JsonDocument document = JsonDocument.Parse(eventLine);
                    if (document.RootElement.TryGetProperty("error", out JsonElement streamError))
                    {
                        await errors.WriteLineAsync($"event stream failed: {streamError.GetString()}").ConfigureAwait(false);
                        return 1;
                    }

                    var (kind, error) = ReplyCompletion.Classify(accepted.Command, document.RootElement);
                    if (kind == ReplyCompletion.Kind.Receipt)
                    {
                        continue;
                    }

                    await output.WriteLineAsync(eventLine).ConfigureAwait(false);
                    await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                    if (kind == ReplyCompletion.Kind.Final)
                    {
                        return error == 0 ? 0 : 1;
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
            }
            catch (IOException) when (deadline.IsCancellationRequested && !cancellation.IsCancellationRequested)
            {
            }

            await errors.WriteLineAsync($"no complete reply to task {accepted.TaskId} within {timeoutSeconds} s (it stays queued until it expires)")
                .ConfigureAwait(false);
            return ExitTimeout;
        }
    }
}
