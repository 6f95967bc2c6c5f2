using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Sensor.Tests.Support;

/// <summary>
/// A real child process (Native/secret_child.c, compiled with gcc once per test run) holding known secrets at the
/// addresses it prints. Killed on dispose.
/// </summary>
public sealed partial class SecretChild : IDisposable
{
    public const string SecretA = "ALPHA-secret-straddles-1MiB-3b7f";
    public const string SecretW = "WideSecret-utf16-91c2";
    public const string SecretU = "UNMAP-secret-vanishes-5d1e";

    private static readonly Lazy<string> s_binary = new(Compile);
    private readonly Process _process;
    private readonly Dictionary<string, ulong> _addresses = [];

    public SecretChild()
    {
        var start = new ProcessStartInfo(s_binary.Value) { RedirectStandardOutput = true, UseShellExecute = false };
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start the child");
        while (_process.StandardOutput.ReadLine() is { } line && line != "READY")
        {
            string[] parts = line.Split(' ');
            _addresses[parts[0]] = ulong.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }

        Assert.That(_addresses, Has.Count.EqualTo(6), "the child did not print its addresses");
    }

    public static string BinaryPath => s_binary.Value;

    public int Pid => _process.Id;

    public Process Process => _process;

    public ulong AddressOf(string key) => _addresses[key];

    /// <summary>Asks the child to unmap region R2 and waits until it has.</summary>
    public void UnmapR2()
    {
        Assert.That(Kill(Pid, 10 /* SIGUSR1 */), Is.Zero);
        Assert.That(_process.StandardOutput.ReadLine(), Is.EqualTo("UNMAPPED"));
    }

    /// <summary>The one-letter state of /proc/PID/stat (the field after the parenthesized name).</summary>
    public char ReadState()
    {
        string stat = File.ReadAllText($"/proc/{Pid}/stat");
        return stat[stat.LastIndexOf(')') + 2];
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    private static string Compile()
    {
        string dir = Directory.CreateTempSubdirectory("sensor-tests-").FullName;
        string output = Path.Combine(dir, "secret_child");
        string source = Path.Combine(TestContext.CurrentContext.TestDirectory, "Native", "secret_child.c");
        using var gcc = Process.Start(new ProcessStartInfo("gcc", ["-O1", "-o", output, source]) { RedirectStandardError = true })!;
        string errors = gcc.StandardError.ReadToEnd();
        gcc.WaitForExit();
        Assert.That(gcc.ExitCode, Is.Zero, errors);
        return output;
    }
}
