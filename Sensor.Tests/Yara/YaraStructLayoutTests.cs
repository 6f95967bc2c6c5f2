using System.Diagnostics;

namespace Sensor.Tests.Yara;

/// <summary>The structure offsets the scanner reads match the installed libyara headers (compiled with gcc).</summary>
[Platform("Linux")]
public sealed class YaraStructLayoutTests
{
    [Test]
    public void Offsets_MatchInstalledHeaders()
    {
        string dir = Directory.CreateTempSubdirectory("yara-layout-").FullName;
        try
        {
            string source = Path.Combine(dir, "layout.c");
            File.WriteAllText(source, """
                #include <stdio.h>
                #include <stddef.h>
                #include <yara.h>
                int main(void) {
                  printf("%zu %zu %zu %zu %zu %d %zu %zu %zu %zu %zu %zu\n",
                    offsetof(YR_RULE, identifier), offsetof(YR_RULE, strings), offsetof(YR_STRING, flags),
                    offsetof(YR_STRING, idx), sizeof(YR_STRING), STRING_FLAGS_LAST_IN_RULE,
                    offsetof(YR_SCAN_CONTEXT, matches), sizeof(YR_MATCHES), offsetof(YR_MATCH, base),
                    offsetof(YR_MATCH, offset), offsetof(YR_MATCH, next), offsetof(YR_MATCH, is_private));
                  printf("%zu %zu %zu %zu %zu %zu\n", offsetof(YR_MEMORY_BLOCK, size), offsetof(YR_MEMORY_BLOCK, base),
                    offsetof(YR_MEMORY_BLOCK, context), offsetof(YR_MEMORY_BLOCK, fetch_data),
                    offsetof(YR_MEMORY_BLOCK_ITERATOR, file_size), offsetof(YR_MEMORY_BLOCK_ITERATOR, last_error));
                  return 0;
                }
                """);
            string binary = Path.Combine(dir, "layout");
            Run("gcc", "-o", binary, source);
            string[] lines = Run(binary).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines[0], Is.EqualTo(string.Join(' ',
                Interop.Yara.RuleIdentifierOffset, Interop.Yara.RuleStringsOffset, Interop.Yara.StringFlagsOffset,
                Interop.Yara.StringIndexOffset, Interop.Yara.StringSize, Interop.Yara.StringFlagsLastInRule,
                Interop.Yara.ScanContextMatchesOffset, Interop.Yara.MatchesSize, Interop.Yara.MatchBaseOffset,
                Interop.Yara.MatchOffsetOffset, Interop.Yara.MatchNextOffset, Interop.Yara.MatchIsPrivateOffset)));

            // The managed mirrors in YaraScanner: size, base, context, fetch_data; file_size, last_error.
            Assert.That(lines[1], Is.EqualTo("0 8 16 24 24 32"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Run(string file, params string[] arguments)
    {
        using Process process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, error);
        return output;
    }
}
