using System.Diagnostics;
using System.Text;

namespace Sensor.Tests.Support;

/// <summary>Starts the built <c>sensor</c> and <c>sensor-server</c> assemblies as real processes.</summary>
public sealed class ProcessRunner : IDisposable
{
    private readonly StringBuilder _output = new();

    private ProcessRunner(Process process) => Process = process;

    public Process Process { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ProcessRunner Start(string assembly, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var runner = new ProcessRunner(new Process { StartInfo = info });
        runner.Process.OutputDataReceived += (_, e) => runner.Append(e.Data);
        runner.Process.ErrorDataReceived += (_, e) => runner.Append(e.Data);
        runner.Process.Start();
        runner.Process.BeginOutputReadLine();
        runner.Process.BeginErrorReadLine();
        return runner;
    }

    /// <summary>Runs to completion; returns the exit code.</summary>
    public static (int ExitCode, string Output) Run(string assembly, params string[] arguments)
    {
        using ProcessRunner runner = Start(assembly, arguments);
        if (!runner.Process.WaitForExit(60_000))
        {
            runner.Process.Kill(entireProcessTree: true);
            Assert.Fail($"{assembly} {string.Join(' ', arguments)} did not finish");
        }

        runner.Process.WaitForExit();
        return (runner.Process.ExitCode, runner.Output);
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit(10_000);
        }

        Process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
