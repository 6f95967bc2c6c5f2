using System.Diagnostics;

namespace Sensor.Tests.Support;

/// <summary>
/// A python3 child running a script that prints one line when it is ready and then waits for stdin to close; it is
/// killed by pid when disposed.
/// </summary>
public sealed class PythonChild : IDisposable
{
    private readonly Process _process;

    private PythonChild(Process process, string readyLine)
    {
        _process = process;
        ReadyLine = readyLine;
    }

    public int Pid => _process.Id;

    /// <summary>The first line the script printed.</summary>
    public string ReadyLine { get; }

    public static PythonChild Start(string script)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        Process process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        string? line = process.StandardOutput.ReadLine();
        if (line is null)
        {
            process.Kill();
            throw new InvalidOperationException("python3 exited before it was ready");
        }

        return new PythonChild(process, line);
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(2000))
            {
                _process.Kill();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
