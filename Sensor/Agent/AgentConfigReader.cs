using System.Text;
using System.Text.Json;

namespace Sensor.Agent;

/// <summary>
/// Reads one configuration field at a time from its two sources: the environment variable
/// (<see cref="AgentConfig.EnvironmentName"/>) when it is set and not empty, the JSON otherwise. Faults name the
/// field, and the variable when the value came from there. Construction rejects what is not a JSON object, fields
/// the sensor does not know (with the nearest known name) and fields given twice.
/// </summary>
internal sealed class AgentConfigReader
{
    private readonly Dictionary<string, JsonElement> _json = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _baseDirectory;
    private readonly Func<string, byte[]> _readFile;

    public AgentConfigReader(JsonElement root, IReadOnlyDictionary<string, string> environment, string baseDirectory,
        Func<string, byte[]> readFile, IReadOnlySet<string> known)
    {
        _environment = environment;
        _baseDirectory = baseDirectory;
        _readFile = readFile;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new AgentConfigException(null, "the configuration must be a JSON object");
        }

        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                string? near = Nearest(property.Name, known);
                throw new AgentConfigException(property.Name,
                    $"unknown field '{property.Name}'{(near is null ? "" : $" (did you mean '{near}'?)")}; docs/configuration.md lists the fields");
            }

            if (!_json.TryAdd(property.Name, property.Value))
            {
                throw new AgentConfigException(property.Name, $"{property.Name} appears twice");
            }
        }
    }

    public bool Has(string field) => Variable(field) is not null || (_json.TryGetValue(field, out JsonElement v) && v.ValueKind != JsonValueKind.Null);

    public AgentConfigException Fault(string field, string message, Exception? inner = null) =>
        new(field, Variable(field) is not null ? $"{AgentConfig.EnvironmentName(field)}: {message}" : message, inner);

    public AgentConfigException Missing(string field, string what) =>
        new(field, $"the configuration has no {field} ({what}; or set {AgentConfig.EnvironmentName(field)})");

    public string? String(string field)
    {
        if (Variable(field) is { } variable)
        {
            return variable;
        }

        if (!_json.TryGetValue(field, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Fault(field, $"{field} must be a string");
    }

    /// <summary>A file or directory name, made absolute against the configuration's directory.</summary>
    public string? Path(string field)
    {
        string? text = String(field);
        if (text is null)
        {
            return null;
        }

        if (text.Length == 0 || text.Contains('\0'))
        {
            throw Fault(field, $"{field} is not a usable path");
        }

        return System.IO.Path.GetFullPath(text, _baseDirectory);
    }

    /// <summary>A JSON array of strings, or the variable's comma-separated items. Items that are not strings read as empty.</summary>
    public IReadOnlyList<string>? List(string field)
    {
        if (Variable(field) is { } variable)
        {
            return variable.Split(',', StringSplitOptions.TrimEntries);
        }

        if (!_json.TryGetValue(field, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Fault(field, $"{field} must be an array of one or two sha256/BASE64 strings");
        }

        return value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : "").ToList();
    }

    public long Number(string field, long fallback, long min, long max)
    {
        long number;
        if (Variable(field) is { } variable)
        {
            if (!long.TryParse(variable, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number))
            {
                throw Fault(field, $"{field} must be an integer from {min} to {max}, not '{variable}'");
            }
        }
        else if (!_json.TryGetValue(field, out JsonElement value))
        {
            return fallback;
        }
        else if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out number))
        {
            throw Fault(field, $"{field} must be an integer from {min} to {max}");
        }

        return number >= min && number <= max ? number : throw Fault(field, $"{field} must be an integer from {min} to {max}, not {number}");
    }

    public string ReadText(string field, string path, string what)
    {
        try
        {
            return Encoding.UTF8.GetString(_readFile(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fault(field, $"cannot read {what} {path}: {e.Message}", e);
        }
    }

    private string? Variable(string field) =>
        _environment.TryGetValue(AgentConfig.EnvironmentName(field), out string? value) && value.Length > 0 ? value : null;

    /// <summary>The known field within two edits of a misspelt one, if any.</summary>
    private static string? Nearest(string name, IReadOnlySet<string> known)
    {
        string? best = null;
        int bestDistance = 3;
        foreach (string candidate in known)
        {
            int distance = EditDistance(name, candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }

    private static int EditDistance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2 || a.Length > 64)
        {
            return int.MaxValue;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
