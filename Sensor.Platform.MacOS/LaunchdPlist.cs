using System.Text;

namespace Sensor.Platform.MacOS;

/// <summary>
/// The launchd property list of the sensor daemon. Pure (no OS call): tested on any OS by parsing what it writes.
/// </summary>
internal static class LaunchdPlist
{
    /// <summary>
    /// A daemon that launchd starts at boot (RunAtLoad) and restarts whenever it exits (KeepAlive), as root, with a
    /// 0077 umask like the systemd unit, its output under <paramref name="logDirectory"/>.
    /// </summary>
    public static string Write(string label, IReadOnlyList<string> programArguments, string logDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        if (programArguments.Count == 0)
        {
            throw new ArgumentException("a daemon needs a program", nameof(programArguments));
        }

        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.Append("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n");
        xml.Append("<plist version=\"1.0\">\n<dict>\n");
        Key(xml, "Label");
        String(xml, label);
        Key(xml, "ProgramArguments");
        xml.Append("\t<array>\n");
        foreach (string argument in programArguments)
        {
            xml.Append('\t');
            String(xml, argument);
        }

        xml.Append("\t</array>\n");
        Key(xml, "RunAtLoad");
        Bool(xml, true);
        Key(xml, "KeepAlive");
        Bool(xml, true);
        // launchd's default throttle, stated: a sensor that exits at once is restarted at most every 10 s.
        Key(xml, "ThrottleInterval");
        Integer(xml, 10);
        // Time between SIGTERM and SIGKILL on stop: the agent writes its final status and closes its queue.
        Key(xml, "ExitTimeOut");
        Integer(xml, 30);
        // 0077 (an integer: launchd reads it as a number, 63).
        Key(xml, "Umask");
        Integer(xml, 0b000_111_111);
        Key(xml, "StandardOutPath");
        String(xml, Path.Combine(logDirectory, "sensor.log"));
        Key(xml, "StandardErrorPath");
        String(xml, Path.Combine(logDirectory, "sensor.err.log"));
        xml.Append("</dict>\n</plist>\n");
        return xml.ToString();
    }

    private static void Key(StringBuilder xml, string key)
    {
        xml.Append("\t<key>");
        Escape(xml, key);
        xml.Append("</key>\n");
    }

    private static void Bool(StringBuilder xml, bool value) => xml.Append(value ? "\t<true/>\n" : "\t<false/>\n");

    private static void Integer(StringBuilder xml, int value) =>
        xml.Append("\t<integer>").Append(value.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("</integer>\n");

    private static void String(StringBuilder xml, string value)
    {
        xml.Append("\t<string>");
        Escape(xml, value);
        xml.Append("</string>\n");
    }

    private static void Escape(StringBuilder xml, string text)
    {
        foreach (char c in text)
        {
            switch (c)
            {
                case '&': xml.Append("&amp;"); break;
                case '<': xml.Append("&lt;"); break;
                case '>': xml.Append("&gt;"); break;
                default:
                    // XML 1.0 cannot carry other control characters at all, escaped or not.
                    if (c < ' ' && c is not '\t' and not '\n' and not '\r')
                    {
                        throw new ArgumentException($"a control character (U+{(int)c:X4}) cannot go into a property list");
                    }

                    xml.Append(c);
                    break;
            }
        }
    }
}
