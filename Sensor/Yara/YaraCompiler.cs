using System.Runtime.InteropServices;
using System.Text;

namespace Sensor.Yara;

/// <summary>Compiles rule source once per task into <see cref="YaraRules"/>.</summary>
public static unsafe class YaraCompiler
{
    /// <summary>Rule sources larger than this are refused before libyara sees them.</summary>
    public const int MaxSourceBytes = 16 << 20;

    /// <summary>
    /// Compiles <paramref name="source"/>. On failure returns ERROR 50 (87 for a source too large) and the compiler's
    /// first error as "line N: message".
    /// </summary>
    public static int Compile(string source, out YaraRules? rules, out string? message)
    {
        rules = null;
        int error = YaraLibrary.EnsureInitialized(out message);
        if (error != 0)
        {
            return error;
        }

        int length = Encoding.UTF8.GetByteCount(source);
        if (length > MaxSourceBytes)
        {
            message = $"the rule is {length} bytes, over the cap of {MaxSourceBytes}";
            return Platform.ErrorCodes.InvalidParameter;
        }

        if (source.Contains('\0'))
        {
            message = "the rule contains a NUL character";
            return Platform.ErrorCodes.NotSupported;
        }

        byte[] utf8 = new byte[length + 1];
        Encoding.UTF8.GetBytes(source, utf8);
        var errors = new CompileErrors();
        GCHandle state = GCHandle.Alloc(errors);
        nint compiler = 0;
        try
        {
            if (Interop.Yara.YrCompilerCreate(&compiler) != Interop.Yara.ERROR_SUCCESS)
            {
                message = "libyara could not create a compiler";
                return Platform.ErrorCodes.NotEnoughMemory;
            }

            Interop.Yara.YrCompilerSetCallback(compiler, &OnCompilerMessage, GCHandle.ToIntPtr(state));
            int failures;
            fixed (byte* text = utf8)
            {
                failures = Interop.Yara.YrCompilerAddString(compiler, text, null);
            }

            if (failures > 0 || errors.First is not null)
            {
                message = "the rule does not compile: " + (errors.First ?? "unknown error");
                return Platform.ErrorCodes.NotSupported;
            }

            nint compiled = 0;
            if (Interop.Yara.YrCompilerGetRules(compiler, &compiled) != Interop.Yara.ERROR_SUCCESS || compiled == 0)
            {
                message = "libyara could not build the compiled rules";
                return Platform.ErrorCodes.NotEnoughMemory;
            }

            rules = new YaraRules(compiled);
            message = null;
            return 0;
        }
        finally
        {
            if (compiler != 0)
            {
                Interop.Yara.YrCompilerDestroy(compiler);
            }

            state.Free();
        }
    }

    // Called by libyara for each error and warning. Never lets an exception unwind into native code.
    [UnmanagedCallersOnly]
    private static void OnCompilerMessage(int errorLevel, byte* fileName, int lineNumber, nint rule, byte* text, nint userData)
    {
        try
        {
            const int YaraErrorLevelError = 0;
            if (errorLevel != YaraErrorLevelError)
            {
                return;
            }

            var errors = (CompileErrors)GCHandle.FromIntPtr(userData).Target!;
            errors.First ??= $"line {lineNumber}: {Marshal.PtrToStringUTF8((nint)text)}";
        }
        catch
        {
            // Nothing can be reported from here; the error count returned by yr_compiler_add_string still fails the compile.
        }
    }

    private sealed class CompileErrors
    {
        public string? First;
    }
}
