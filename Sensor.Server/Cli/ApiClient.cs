using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Sensor.Server.Http;
using Sensor.Server.Registry;

namespace Sensor.Server.Cli;

/// <summary>
/// The CLI verbs' side of the HTTP API. Finds the running server through its directory: the address in
/// <c>api.url</c> (written by <c>run</c>) and the token in <c>api-token</c>.
/// </summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(Uri address, string token)
    {
        _http = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>The default server directory: <c>$SENSOR_SERVER_DIR</c>, else <c>.run/server</c> under the working directory.</summary>
    public static string DefaultDirectory() =>
        Environment.GetEnvironmentVariable("SENSOR_SERVER_DIR") is { Length: > 0 } dir ? dir : Path.Combine(".run", "server");

    public static ApiClient ForDirectory(string directory)
    {
        string urlFile = Path.Combine(directory, ServerHost.ApiUrlFile);
        if (!File.Exists(urlFile))
        {
            throw new CliException($"no running server found in {Path.GetFullPath(directory)} (no {ServerHost.ApiUrlFile}; start it with: sensor-server run DIR, or give --dir)");
        }

        string token;
        try
        {
            token = ApiToken.Load(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new CliException($"cannot read the API token: {e.Message}");
        }

        return new ApiClient(new Uri(File.ReadAllText(urlFile).Trim()), token);
    }

    public async Task<List<SensorInfo>> SensorsAsync(CancellationToken cancellation)
    {
        using HttpResponseMessage response = await SendAsync(() => _http.GetAsync("api/sensors", cancellation)).ConfigureAwait(false);
        await EnsureAsync(response, cancellation).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.ListSensorInfo, cancellation).ConfigureAwait(false) ?? [];
    }

    /// <summary>Queues a task: the accepted task, or the server's refusal (message and usage).</summary>
    public async Task<(TaskAccepted? Accepted, ApiError? Refused)> SendTaskAsync(string sid, TaskRequest request, CancellationToken cancellation)
    {
        using HttpResponseMessage response = await SendAsync(() => _http.PostAsJsonAsync(
            $"api/sensors/{Uri.EscapeDataString(sid)}/tasks", request, ApiJsonContext.Default.TaskRequest, cancellation)).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            return (await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.TaskAccepted, cancellation).ConfigureAwait(false), null);
        }

        return (null, await ReadErrorAsync(response, cancellation).ConfigureAwait(false));
    }

    /// <summary>Opens the live event stream; the subscription exists when this returns.</summary>
    public async Task<HttpResponseMessage> OpenEventsAsync(string? sid, string? investigationId, int timeoutSeconds, CancellationToken cancellation)
    {
        var query = new List<string>();
        if (sid is not null)
        {
            query.Add("sid=" + Uri.EscapeDataString(sid));
        }

        if (investigationId is not null)
        {
            query.Add("investigation_id=" + Uri.EscapeDataString(investigationId));
        }

        if (timeoutSeconds > 0)
        {
            query.Add("timeout=" + timeoutSeconds);
        }

        var request = new HttpRequestMessage(HttpMethod.Get, "api/events?" + string.Join('&', query));
        HttpResponseMessage response = await SendAsync(() => _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation)).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                await EnsureAsync(response, cancellation).ConfigureAwait(false);
            }
        }

        return response;
    }

    public void Dispose() => _http.Dispose();

    private static async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send().ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"cannot reach the server's API: {e.Message}");
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken cancellation)
    {
        if (!response.IsSuccessStatusCode)
        {
            ApiError? error = await ReadErrorAsync(response, cancellation).ConfigureAwait(false);
            throw new CliException($"the server answered {(int)response.StatusCode}: {error?.Error}");
        }
    }

    private static async Task<ApiError?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellation)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.ApiError, cancellation).ConfigureAwait(false)
                ?? new ApiError($"HTTP {(int)response.StatusCode}");
        }
        catch (JsonException)
        {
            return new ApiError($"HTTP {(int)response.StatusCode}");
        }
    }
}
