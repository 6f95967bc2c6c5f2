using System.Buffers;
using System.Text.Json;
using MessagePack;
using Sensor.Events;

namespace Sensor.Tests.Support;

/// <summary>An event as the server stored it: its JSON rendering and the raw investigation id bytes.</summary>
public sealed record StoredEvent(string EventType, byte[]? InvestigationId, JsonElement Event)
{
    public static StoredEvent Parse(byte[] messagePack)
    {
        using JsonDocument document = JsonDocument.Parse(EventJsonRenderer.ToJson(messagePack));
        JsonElement routing = document.RootElement.GetProperty("routing");
        return new StoredEvent(routing.GetProperty("event_type").GetString()!, RawInvestigationId(messagePack),
            document.RootElement.GetProperty("event").Clone());
    }

    /// <summary>routing.investigation_id exactly as sent (the JSON rendering would replace invalid UTF-8).</summary>
    private static byte[]? RawInvestigationId(byte[] messagePack)
    {
        var reader = new MessagePackReader(messagePack);
        int top = reader.ReadMapHeader();
        for (int i = 0; i < top; i++)
        {
            string key = reader.ReadString()!;
            if (key != "routing")
            {
                reader.Skip();
                continue;
            }

            int count = reader.ReadMapHeader();
            for (int j = 0; j < count; j++)
            {
                string field = reader.ReadString()!;
                if (field == "investigation_id")
                {
                    return reader.ReadStringSequence()!.Value.ToArray();
                }

                reader.Skip();
            }
        }

        return null;
    }
}
