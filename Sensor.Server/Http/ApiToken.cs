using System.Security.Cryptography;
using System.Text;
using Sensor.Agent;

namespace Sensor.Server.Http;

/// <summary>
/// The API's bearer token: 32 random bytes, base64url, in <c>api-token</c> (mode 0600) in the server directory. Only
/// who can read the directory can call the API. Compared in constant time.
/// </summary>
public static class ApiToken
{
    public const string FileName = "api-token";

    public static string PathIn(string root) => Path.Combine(root, FileName);

    /// <summary>Reads the token, creating it first when the directory has none.</summary>
    public static string LoadOrCreate(string root)
    {
        string path = PathIn(root);
        if (!File.Exists(path))
        {
            string token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            AtomicFile.Write(path, Encoding.ASCII.GetBytes(token));
        }

        return Load(root);
    }

    public static string Load(string root)
    {
        string token = File.ReadAllText(PathIn(root)).Trim();
        return token.Length >= 16 ? token : throw new InvalidDataException($"{PathIn(root)} holds no usable token");
    }

    /// <summary>True when <paramref name="authorization"/> is exactly <c>Bearer TOKEN</c>.</summary>
    public static bool Matches(string? authorization, string token)
    {
        const string Scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(authorization.AsSpan(Scheme.Length).Trim().ToString()), Encoding.UTF8.GetBytes(token));
    }
}
