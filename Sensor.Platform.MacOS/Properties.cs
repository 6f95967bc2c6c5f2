[assembly: System.Runtime.Versioning.SupportedOSPlatform("macos")]
