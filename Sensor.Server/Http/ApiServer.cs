using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sensor.Server.Registry;
using Sensor.Server.Tasking;

namespace Sensor.Server.Http;

/// <summary>
/// The HTTP API (docs/server.md): ASP.NET Core minimal API on Kestrel, built with <c>CreateSlimBuilder</c>, every
/// handler a plain <see cref="RequestDelegate"/> and every body (de)serialized through <see cref="ApiJsonContext"/>,
/// so nothing needs reflection and the server stays Native AOT compatible. Every request needs
/// <c>Authorization: Bearer</c> with the token of <see cref="ApiToken"/>. It listens on loopback unless told
/// otherwise explicitly (<see cref="Start"/> refuses any other address without <c>allowRemote</c>).
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SensorRegistry _registry;
    private readonly TaskService _tasks;
    private readonly EventHub _hub;
    private readonly ServerDirectory _directory;

    private ApiServer(WebApplication app, ServerDirectory directory, SensorRegistry registry, TaskService tasks, EventHub hub)
    {
        _app = app;
        _directory = directory;
        _registry = registry;
        _tasks = tasks;
        _hub = hub;
    }

    /// <summary>The address the API really listens on (the port is chosen by the OS when 0 was asked).</summary>
    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    public static async Task<ApiServer> StartAsync(IPEndPoint listen, bool allowRemote, string token, ServerDirectory directory,
        SensorRegistry registry, TaskService tasks, EventHub hub)
    {
        if (!IPAddress.IsLoopback(listen.Address) && !allowRemote)
        {
            throw new ArgumentException($"the API listens on loopback only unless told otherwise (--api-allow-remote); {listen} is not loopback");
        }

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(listen);
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
            kestrel.AddServerHeader = false;
        });
        builder.Services.AddSingleton<IHostLifetime, HostLifetimeOwnedByCaller>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        WebApplication app = builder.Build();
        var api = new ApiServer(app, directory, registry, tasks, hub);

        app.Use(async (HttpContext context, RequestDelegate next) =>
        {
            if (!ApiToken.Matches(context.Request.Headers.Authorization, token))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await context.Response.WriteAsJsonAsync(new ApiError("missing or wrong bearer token (the server directory's api-token)"),
                    ApiJsonContext.Default.ApiError);
                return;
            }

            await next(context);
        });

        app.MapGet("/api/sensors", api.ListSensors);
        app.MapGet("/api/sensors/{sid}", api.GetSensor);
        app.MapPost("/api/sensors/{sid}/revoke", api.Revoke);
        app.MapPost("/api/sensors/{sid}/tasks", api.SendTask);
        app.MapGet("/api/sensors/{sid}/tasks/{taskId}", api.GetTask);
        app.MapGet("/api/events", api.StreamEvents);

        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        api.Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Task ListSensors(HttpContext context) =>
        context.Response.WriteAsJsonAsync(_registry.List(), ApiJsonContext.Default.ListSensorInfo);

    private Task GetSensor(HttpContext context)
    {
        string sid = Route(context, "sid");
        return _registry.Find(sid) is { } info
            ? context.Response.WriteAsJsonAsync(info, ApiJsonContext.Default.SensorInfo)
            : Error(context, 404, $"no sensor {sid}");
    }

    private Task Revoke(HttpContext context)
    {
        string sid = Route(context, "sid");
        return _directory.Revoke(sid)
            ? context.Response.WriteAsJsonAsync(new RevokeReply(sid, true), ApiJsonContext.Default.RevokeReply)
            : Error(context, 404, $"no sensor {sid}");
    }

    private async Task SendTask(HttpContext context)
    {
        TaskRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, ApiJsonContext.Default.TaskRequest, context.RequestAborted);
        }
        catch (JsonException e)
        {
            await Error(context, 400, $"the body is not a task request: {e.Message}");
            return;
        }

        if (request is null)
        {
            await Error(context, 400, "the body is not a task request");
            return;
        }

        TaskSubmission result = _tasks.Submit(Route(context, "sid"), request.Task, request.InvestigationId, request.Ttl);
        if (!result.Accepted)
        {
            context.Response.StatusCode = result.Status;
            await context.Response.WriteAsJsonAsync(new ApiError(result.Error!, result.Usage), ApiJsonContext.Default.ApiError);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status202Accepted;
        await context.Response.WriteAsJsonAsync(new TaskAccepted(result.TaskId, result.Sid, result.InvestigationId, result.Command,
            result.Arguments, result.ExpiryMs), ApiJsonContext.Default.TaskAccepted);
    }

    private Task GetTask(HttpContext context)
    {
        string sid = Route(context, "sid"), taskId = Route(context, "taskId");
        return _tasks.StateOf(sid, taskId) is { } state
            ? context.Response.WriteAsJsonAsync(new TaskStatusReply(taskId, sid, state.ToString().ToLowerInvariant()), ApiJsonContext.Default.TaskStatusReply)
            : Error(context, 404, $"no task {taskId} for sensor {sid}");
    }

    /// <summary>
    /// <c>GET /api/events?sid=&amp;investigation_id=&amp;timeout=</c>: the matching events as JSON lines, as they are
    /// stored, over a chunked response that stays open until the client leaves or <c>timeout</c> seconds pass. The
    /// subscription exists before the response headers are sent, so a client that waits for the headers and then
    /// sends a task sees all of that task's events.
    /// </summary>
    private async Task StreamEvents(HttpContext context)
    {
        string? sid = context.Request.Query["sid"].FirstOrDefault();
        string? investigation = context.Request.Query["investigation_id"].FirstOrDefault();
        if (sid is null && investigation is null)
        {
            await Error(context, 400, "give sid=SID, investigation_id=ID or both");
            return;
        }

        int timeout = int.TryParse(context.Request.Query["timeout"].FirstOrDefault(), out int t) && t > 0 ? t : 0;
        using var subscription = _hub.Subscribe(sid, investigation);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        if (timeout > 0)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(timeout));
        }

        context.Response.ContentType = "application/x-ndjson";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.StartAsync(stop.Token);
        await context.Response.Body.FlushAsync(stop.Token);
        try
        {
            while (await subscription.Reader.WaitToReadAsync(stop.Token))
            {
                while (subscription.Reader.TryRead(out byte[]? line))
                {
                    await context.Response.Body.WriteAsync(line, stop.Token);
                    await context.Response.Body.WriteAsync("\n"u8.ToArray(), stop.Token);
                }

                await context.Response.Body.FlushAsync(stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The client left or the timeout passed: the stream just ends.
        }
        catch (InvalidOperationException e)
        {
            await context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(new ApiError(e.Message), ApiJsonContext.Default.ApiError));
        }
    }

    private static string Route(HttpContext context, string name) => context.Request.RouteValues[name] as string ?? "";

    private static Task Error(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ApiError(message), ApiJsonContext.Default.ApiError);
    }
}
