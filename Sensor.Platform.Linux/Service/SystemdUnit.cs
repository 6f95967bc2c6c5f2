using System.Text;

namespace Sensor.Platform.Linux;

/// <summary>
/// The sensor's unit file: packaging/linux/sensor.service, embedded in the binary so <c>sensor install</c> writes the
/// same unit the package ships, with the <c>ExecStart=</c> paths of the installation.
/// </summary>
public static class SystemdUnit
{
    public const string FileName = "sensor.service";

    /// <summary>The line of the shipped unit that names the package's paths.</summary>
    public const string PackagedExecStart = "ExecStart=/usr/sbin/sensor run --config /etc/sensor/sensor.json";

    /// <summary>The line of the shipped unit that keeps an unconfigured sensor from starting.</summary>
    public const string PackagedCondition = "ConditionPathExists=/etc/sensor/sensor.json";

    public static string Template
    {
        get
        {
            using Stream stream = typeof(SystemdUnit).Assembly.GetManifestResourceStream(FileName)
                ?? throw new InvalidOperationException($"the binary lacks its embedded {FileName}");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
    }

    /// <summary>The unit for <paramref name="installation"/>.</summary>
    /// <exception cref="ServiceOperationException">a path systemd would split or expand.</exception>
    public static string Render(ServiceInstallation installation)
    {
        string template = Template;
        if (!template.Contains(PackagedExecStart, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the embedded {FileName} has no line '{PackagedExecStart}'");
        }

        string execStart = $"ExecStart={UnitPath(installation.BinaryPath, "binary")} run --config {UnitPath(installation.ConfigPath, "configuration")}";
        string condition = $"ConditionPathExists={UnitPath(installation.ConfigPath, "configuration")}";
        return template.Replace(PackagedExecStart, execStart, StringComparison.Ordinal)
            .Replace(PackagedCondition, condition, StringComparison.Ordinal);
    }

    // systemd splits ExecStart= at white space, unquotes, and expands % specifiers and $VARIABLES: an absolute path
    // of plain characters needs none of that, and anything else is refused rather than escaped.
    private static string UnitPath(string path, string what)
    {
        if (!path.StartsWith('/') || path.Contains("/../", StringComparison.Ordinal) || path.EndsWith("/..", StringComparison.Ordinal))
        {
            throw new ServiceOperationException($"the {what} path '{path}' must be absolute and normalized for the systemd unit");
        }

        foreach (char c in path)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+' or '@' or ','))
            {
                throw new ServiceOperationException($"the {what} path '{path}' has a character ('{c}') systemd would interpret in ExecStart=");
            }
        }

        return path;
    }
}
