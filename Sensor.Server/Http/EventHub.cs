using System.Text.Json;
using System.Threading.Channels;
using Sensor.Events;

namespace Sensor.Server.Http;

/// <summary>
/// Fans stored events out to live API streams. An event is published only after it is on disk, so a stream never
/// shows what the log does not hold. Each subscriber has a bounded queue: a client that stops reading loses its
/// stream (closed with a final error line naming the count), never the server's memory.
/// </summary>
public sealed class EventHub
{
    public const int SubscriberCapacity = 10_000;
    private Subscription[] _subscriptions = [];
    private readonly object _gate = new();

    public int Subscribers => Volatile.Read(ref _subscriptions).Length;

    /// <summary>Renders an event the sensor sent (MessagePack) and hands it to the streams that want it.</summary>
    public void PublishSensorEvent(string sid, ReadOnlySpan<byte> messagePack)
    {
        Subscription[] subscriptions = Volatile.Read(ref _subscriptions);
        if (subscriptions.Length == 0)
        {
            return;
        }

        byte[] json = System.Text.Encoding.UTF8.GetBytes(EventJsonRenderer.ToJson(messagePack));
        Publish(sid, json, subscriptions);
    }

    /// <summary>Hands an event the server made itself (JSON with the same envelope) to the streams that want it.</summary>
    public void PublishServerEvent(string sid, byte[] json) => Publish(sid, json, Volatile.Read(ref _subscriptions));

    public Subscription Subscribe(string? sid, string? investigationId)
    {
        var subscription = new Subscription(this, sid, investigationId);
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    private void Unsubscribe(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = _subscriptions.Where(s => s != subscription).ToArray();
        }
    }

    private static void Publish(string sid, byte[] json, Subscription[] subscriptions)
    {
        string? investigation = null;
        bool parsed = false;
        foreach (Subscription subscription in subscriptions)
        {
            if (subscription.Sid is not null && subscription.Sid != sid)
            {
                continue;
            }

            if (subscription.InvestigationId is not null)
            {
                if (!parsed)
                {
                    investigation = InvestigationOf(json);
                    parsed = true;
                }

                if (investigation != subscription.InvestigationId)
                {
                    continue;
                }
            }

            subscription.Offer(json);
        }
    }

    /// <summary><c>routing.investigation_id</c> of a rendered event, or null.</summary>
    public static string? InvestigationOf(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        int depth = 0;
        bool inRouting = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    depth++;
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    depth--;
                    if (inRouting && depth == 1)
                    {
                        return null;
                    }

                    break;
                case JsonTokenType.PropertyName when depth == 1 && reader.ValueTextEquals("routing"u8):
                    inRouting = true;
                    break;
                case JsonTokenType.PropertyName when depth == 1:
                    reader.Read();
                    reader.Skip();
                    break;
                case JsonTokenType.PropertyName when inRouting && depth == 2 && reader.ValueTextEquals("investigation_id"u8):
                    reader.Read();
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
        }

        return null;
    }

    public sealed class Subscription : IDisposable
    {
        private readonly EventHub _hub;
        private readonly System.Threading.Channels.Channel<byte[]> _queue = System.Threading.Channels.Channel.CreateBounded<byte[]>(new BoundedChannelOptions(SubscriberCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

        internal Subscription(EventHub hub, string? sid, string? investigationId)
        {
            _hub = hub;
            Sid = sid;
            InvestigationId = investigationId;
        }

        public string? Sid { get; }
        public string? InvestigationId { get; }

        /// <summary>Events this stream lost because its reader fell behind (the stream is closed at the first).</summary>
        public long Dropped { get; private set; }

        public ChannelReader<byte[]> Reader => _queue.Reader;

        internal void Offer(byte[] json)
        {
            if (!_queue.Writer.TryWrite(json) && Dropped++ == 0)
            {
                _queue.Writer.TryComplete(new InvalidOperationException("the stream's reader fell behind"));
            }
        }

        public void Dispose()
        {
            _hub.Unsubscribe(this);
            _queue.Writer.TryComplete();
        }
    }
}
