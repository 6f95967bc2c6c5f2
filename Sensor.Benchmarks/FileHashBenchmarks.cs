using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Sensor.FileSystem;

namespace Sensor.Benchmarks;

/// <summary>
/// file_hash's path (open, stream through one 1 MiB buffer, SHA-256) against the .NET baseline a developer would
/// write (<see cref="IncrementalHash"/> over a FileStream) on the same warm file, in the same process.
/// </summary>
[MemoryDiagnoser]
public class FileHashBenchmarks
{
    private string _path = "";
    private byte[] _pathBytes = [];
    private readonly byte[] _buffer = new byte[FileHasher.BufferSize];

    [Params(4 * 1024, 64 * 1024 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"sensor-bench-hash-{Size}.bin");
        byte[] data = new byte[Size];
        new Random(1).NextBytes(data);
        File.WriteAllBytes(_path, data);
        _pathBytes = Utf8Path.From(_path);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark(Baseline = true)]
    public byte[] IncrementalHashOverFileStream()
    {
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        int read;
        while ((read = stream.Read(_buffer)) > 0)
        {
            sha.AppendData(_buffer, 0, read);
        }

        return sha.GetHashAndReset();
    }

    [Benchmark]
    public int SensorFileHasher()
    {
        Span<byte> hash = stackalloc byte[32];
        return FileHasher.HashFile(_pathBytes, hash, out _, _buffer);
    }

    /// <summary>file_hash's configuration: files of 16 MiB and more are read on a helper thread.</summary>
    [Benchmark]
    public int SensorFileHasherReadAhead()
    {
        Span<byte> hash = stackalloc byte[32];
        return FileHasher.HashFile(_pathBytes, hash, out _, _buffer, mode: HashReadMode.ReadAhead);
    }
}
