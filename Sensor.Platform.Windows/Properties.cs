[assembly: System.Runtime.Versioning.SupportedOSPlatform("windows")]
