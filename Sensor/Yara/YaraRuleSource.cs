using System.Net.Http.Headers;
using System.Net.Security;
using System.Text;
using Sensor.Platform;

namespace Sensor.Yara;

/// <summary>
/// Turns a task's RULE argument into rule source: an <c>https://</c> URL (fetched with certificate validation, a size
/// cap and a timeout), a path to a rule file on the host, base64 of a rule, or the rule itself.
/// </summary>
public static class YaraRuleSource
{
    /// <summary>Largest rule accepted from a URL, a file or base64.</summary>
    public const int MaxRuleBytes = YaraCompiler.MaxSourceBytes;

    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Tests only: trust an in-test certificate. Production keeps the system's validation.</summary>
    internal static RemoteCertificateValidationCallback? CertificateValidationForTests { get; set; }

    /// <summary>Resolves <paramref name="rule"/>; returns a reply error code and, on failure, why.</summary>
    public static int Resolve(string rule, CancellationToken cancellation, out string source, out string? message)
    {
        source = "";
        message = null;
        string trimmed = rule.Trim();
        if (trimmed.Length == 0)
        {
            message = "the rule is empty";
            return ErrorCodes.InvalidParameter;
        }

        if (trimmed.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return Fetch(trimmed, cancellation, out source, out message);
        }

        if (trimmed.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            message = "rules are only fetched over https://";
            return ErrorCodes.InvalidParameter;
        }

        if (Path.IsPathFullyQualified(trimmed) && trimmed.IndexOfAny(['\n', '{']) < 0)
        {
            return ReadFile(trimmed, out source, out message);
        }

        if (TryBase64(trimmed, out source))
        {
            return ErrorCodes.Success;
        }

        source = rule;
        return ErrorCodes.Success;
    }

    private static int ReadFile(string path, out string source, out string? message)
    {
        source = "";
        message = null;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
            if (stream.Length > MaxRuleBytes)
            {
                message = $"the rule file is {stream.Length} bytes, over the cap of {MaxRuleBytes}";
                return ErrorCodes.FileTooLarge;
            }

            byte[] bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            source = Encoding.UTF8.GetString(bytes);
            return ErrorCodes.Success;
        }
        catch (FileNotFoundException)
        {
            message = $"no rule file at {path}";
            return ErrorCodes.FileNotFound;
        }
        catch (DirectoryNotFoundException)
        {
            message = $"no rule file at {path}";
            return ErrorCodes.PathNotFound;
        }
        catch (UnauthorizedAccessException)
        {
            message = $"the rule file {path} cannot be read";
            return ErrorCodes.AccessDenied;
        }
        catch (IOException e)
        {
            message = $"the rule file {path} cannot be read: {e.Message}";
            return ErrorCodes.ReadFault;
        }
    }

    // A literal rule always holds characters base64 does not ('{', spaces, newlines), so the two cannot be confused.
    private static bool TryBase64(string text, out string source)
    {
        source = "";
        if (text.Length > MaxRuleBytes / 3 * 4 + 4 || text.Length % 4 != 0)
        {
            return false;
        }

        byte[] decoded = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, decoded, out int written))
        {
            return false;
        }

        try
        {
            source = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(decoded, 0, written);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static int Fetch(string url, CancellationToken cancellation, out string source, out string? message)
    {
        source = "";
        message = null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            message = "not a valid https:// URL";
            return ErrorCodes.InvalidParameter;
        }

        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = FetchTimeout,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        if (CertificateValidationForTests is { } validation)
        {
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = validation };
        }

        using var client = new HttpClient(handler) { Timeout = FetchTimeout, MaxResponseContentBufferSize = MaxRuleBytes };
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
            using HttpResponseMessage response = client.Send(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
            if (!response.IsSuccessStatusCode)
            {
                message = $"fetching the rule failed: HTTP {(int)response.StatusCode}";
                return ErrorCodes.BadNetPath;
            }

            if (response.Content.Headers.ContentLength is long declared && declared > MaxRuleBytes)
            {
                message = $"the rule at the URL is {declared} bytes, over the cap of {MaxRuleBytes}";
                return ErrorCodes.FileTooLarge;
            }

            using Stream body = response.Content.ReadAsStream(cancellation);
            byte[] buffer = new byte[64 * 1024];
            using var collected = new MemoryStream();
            int got;
            while ((got = body.Read(buffer)) > 0)
            {
                if (collected.Length + got > MaxRuleBytes)
                {
                    message = $"the rule at the URL is over the cap of {MaxRuleBytes} bytes";
                    return ErrorCodes.FileTooLarge;
                }

                collected.Write(buffer, 0, got);
            }

            source = Encoding.UTF8.GetString(collected.GetBuffer(), 0, (int)collected.Length);
            return ErrorCodes.Success;
        }
        catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
        {
            message = $"fetching the rule timed out after {FetchTimeout.TotalSeconds:0} s";
            return ErrorCodes.Timeout;
        }
        catch (HttpRequestException e)
        {
            message = $"fetching the rule failed: {e.Message}";
            return ErrorCodes.BadNetPath;
        }
        catch (IOException e)
        {
            message = $"fetching the rule failed: {e.Message}";
            return ErrorCodes.BadNetPath;
        }
    }
}
