using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Sensor.Scanning;

namespace Sensor.Yara;

/// <summary>
/// One libyara scanner (YR_SCANNER*) over shared compiled rules, for one thread. Hits go into a buffer allocated once
/// (<see cref="MaxHits"/> entries); the callback copies a rule pointer and an address into it and allocates nothing.
/// Process memory is fed to libyara from <see cref="MemoryBlockReader"/> through our own YR_MEMORY_BLOCK_ITERATOR, so
/// the target is never attached to or stopped.
/// </summary>
/// <remarks>
/// No .NET exception crosses into libyara: every callback catches everything, records it and tells libyara to stop.
/// </remarks>
public sealed unsafe class YaraScanner : IDisposable
{
    // YR_MEMORY_BLOCK: size_t size; uint64_t base; void* context; fetch_data.
    [StructLayout(LayoutKind.Sequential)]
    private struct MemoryBlockNative
    {
        public nuint Size;
        public ulong Base;
        public void* Context;
        public delegate* unmanaged<MemoryBlockNative*, byte*> FetchData;
    }

    // YR_MEMORY_BLOCK_ITERATOR: void* context; first; next; file_size; int last_error (set by first/next).
    [StructLayout(LayoutKind.Sequential)]
    private struct MemoryBlockIteratorNative
    {
        public nint Context;
        public delegate* unmanaged<MemoryBlockIteratorNative*, MemoryBlockNative*> First;
        public delegate* unmanaged<MemoryBlockIteratorNative*, MemoryBlockNative*> Next;
        public delegate* unmanaged<MemoryBlockIteratorNative*, ulong> FileSize;
        public int LastError;
    }

    private readonly YaraRules _rules;
    private readonly YaraHit[] _hits;
    private readonly MemoryBlockNative* _block;
    private readonly MemoryBlockIteratorNative* _iterator;
    private GCHandle _self;
    private nint _scanner;
    private bool _rulesReferenced;
    private MemoryBlockReader? _reader;
    private bool _memoryScan;

    public YaraScanner(YaraRules rules, int maxHits)
    {
        _rules = rules;
        _hits = new YaraHit[Math.Max(1, maxHits)];
        _self = GCHandle.Alloc(this);
        _block = (MemoryBlockNative*)NativeMemory.AllocZeroed((nuint)sizeof(MemoryBlockNative));
        _iterator = (MemoryBlockIteratorNative*)NativeMemory.AllocZeroed((nuint)sizeof(MemoryBlockIteratorNative));
        _iterator->Context = GCHandle.ToIntPtr(_self);
        _iterator->First = &IteratorNext;
        _iterator->Next = &IteratorNext;
        _iterator->FileSize = null;
        _iterator->LastError = Interop.Yara.ERROR_SUCCESS;

        rules.DangerousAddRef(ref _rulesReferenced);
        nint scanner;
        if (Interop.Yara.YrScannerCreate(rules.DangerousGetHandle(), &scanner) != Interop.Yara.ERROR_SUCCESS)
        {
            Dispose();
            throw new OutOfMemoryException("libyara could not create a scanner");
        }

        _scanner = scanner;
        Interop.Yara.YrScannerSetCallback(_scanner, &OnScanMessage, GCHandle.ToIntPtr(_self));
    }

    public int MaxHits => _hits.Length;

    /// <summary>The rules that matched the last target, in the order libyara reported them.</summary>
    public ReadOnlySpan<YaraHit> Hits => _hits.AsSpan(0, HitCount);

    public int HitCount { get; private set; }

    /// <summary>The last target had more matching rules than <see cref="MaxHits"/>; the scan stopped there.</summary>
    public bool HitCapReached { get; private set; }

    /// <summary>libyara dropped string matches over its own per-string cap (the rules were still evaluated).</summary>
    public bool TooManyMatches { get; private set; }

    /// <summary>An exception caught inside a callback during the last scan (the scan was aborted).</summary>
    public Exception? CallbackFailure { get; private set; }

    /// <summary>Scans an open file; libyara maps it rather than reading it whole. Returns libyara's result code.</summary>
    public int ScanFile(SafeFileHandle file, int timeoutSeconds)
    {
        Reset(memory: false);
        Interop.Yara.YrScannerSetFlags(_scanner, 0);
        Interop.Yara.YrScannerSetTimeout(_scanner, timeoutSeconds);
        bool added = false;
        try
        {
            file.DangerousAddRef(ref added);
            return Interop.Yara.YrScannerScanFd(_scanner, file.DangerousGetHandle());
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Scans the blocks of a process that <paramref name="reader"/> has begun on (see
    /// <see cref="MemoryBlockReader.Begin"/>); the reader's stop reason says how its walk ended. Returns libyara's
    /// result code.
    /// </summary>
    public int ScanMemory(MemoryBlockReader reader, int timeoutSeconds)
    {
        Reset(memory: true);
        _reader = reader;
        Interop.Yara.YrScannerSetFlags(_scanner, Interop.Yara.SCAN_FLAGS_PROCESS_MEMORY);
        Interop.Yara.YrScannerSetTimeout(_scanner, timeoutSeconds);
        try
        {
            return Interop.Yara.YrScannerScanMemBlocks(_scanner, _iterator);
        }
        finally
        {
            _reader = null;
        }
    }

    /// <summary>The rule's identifier as UTF-8 (valid while the rules live).</summary>
    public static ReadOnlySpan<byte> RuleName(nint rule) =>
        MemoryMarshal.CreateReadOnlySpanFromNullTerminated(*(byte**)(rule + Interop.Yara.RuleIdentifierOffset));

    public void Dispose()
    {
        if (_scanner != 0)
        {
            Interop.Yara.YrScannerDestroy(_scanner);
            _scanner = 0;
        }

        if (_rulesReferenced)
        {
            _rules.DangerousRelease();
            _rulesReferenced = false;
        }

        if (_self.IsAllocated)
        {
            _self.Free();
            NativeMemory.Free(_block);
            NativeMemory.Free(_iterator);
        }
    }

    private void Reset(bool memory)
    {
        ObjectDisposedException.ThrowIf(_scanner == 0, this);
        HitCount = 0;
        HitCapReached = false;
        TooManyMatches = false;
        CallbackFailure = null;
        _memoryScan = memory;
    }

    private int OnRuleMatching(nint context, nint rule)
    {
        if (HitCount == _hits.Length)
        {
            HitCapReached = true;
            return Interop.Yara.CALLBACK_ABORT;
        }

        ulong first = ulong.MaxValue;
        if (_memoryScan)
        {
            first = LowestMatchAddress(context, rule);
        }

        _hits[HitCount++] = new YaraHit(rule, first, first != ulong.MaxValue);
        return Interop.Yara.CALLBACK_CONTINUE;
    }

    // The lowest address of the rule's (non-private) string matches: each string's list is kept in address order.
    private static ulong LowestMatchAddress(nint context, nint rule)
    {
        ulong lowest = ulong.MaxValue;
        byte* matches = *(byte**)(context + Interop.Yara.ScanContextMatchesOffset);
        byte* s = *(byte**)(rule + Interop.Yara.RuleStringsOffset);
        if (matches == null || s == null)
        {
            return lowest;
        }

        while (true)
        {
            uint flags = *(uint*)(s + Interop.Yara.StringFlagsOffset);
            uint index = *(uint*)(s + Interop.Yara.StringIndexOffset);
            byte* match = *(byte**)(matches + (index * Interop.Yara.MatchesSize));
            while (match != null && *(bool*)(match + Interop.Yara.MatchIsPrivateOffset))
            {
                match = *(byte**)(match + Interop.Yara.MatchNextOffset);
            }

            if (match != null)
            {
                ulong address = (ulong)(*(long*)(match + Interop.Yara.MatchBaseOffset) + *(long*)(match + Interop.Yara.MatchOffsetOffset));
                lowest = Math.Min(lowest, address);
            }

            if ((flags & Interop.Yara.StringFlagsLastInRule) != 0)
            {
                return lowest;
            }

            s += Interop.Yara.StringSize;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private MemoryBlockNative* NextBlock()
    {
        MemoryBlockReader? reader = _reader;
        if (reader is null || !reader.ReadNext(out MemoryBlock block))
        {
            return null;
        }

        // The reader's buffer is pinned: the pointer stays valid until the next ReadNext.
        _block->Base = block.Address;
        _block->Size = (nuint)block.Bytes.Length;
        _block->Context = Unsafe.AsPointer(ref MemoryMarshal.GetReference(block.Bytes));
        _block->FetchData = &FetchData;
        return _block;
    }

    [UnmanagedCallersOnly]
    private static int OnScanMessage(nint context, int message, nint messageData, nint userData)
    {
        try
        {
            var scanner = (YaraScanner)GCHandle.FromIntPtr(userData).Target!;
            try
            {
                switch (message)
                {
                    case Interop.Yara.CALLBACK_MSG_RULE_MATCHING:
                        return scanner.OnRuleMatching(context, messageData);
                    case Interop.Yara.CALLBACK_MSG_TOO_MANY_MATCHES:
                        scanner.TooManyMatches = true;
                        return Interop.Yara.CALLBACK_CONTINUE;
                    default:
                        return Interop.Yara.CALLBACK_CONTINUE;
                }
            }
            catch (Exception e)
            {
                scanner.CallbackFailure = e;
                return Interop.Yara.CALLBACK_ABORT;
            }
        }
        catch
        {
            return Interop.Yara.CALLBACK_ABORT;
        }
    }

    [UnmanagedCallersOnly]
    private static MemoryBlockNative* IteratorNext(MemoryBlockIteratorNative* iterator)
    {
        try
        {
            var scanner = (YaraScanner)GCHandle.FromIntPtr(iterator->Context).Target!;
            try
            {
                return scanner.NextBlock();
            }
            catch (Exception e)
            {
                scanner.CallbackFailure = e;
                return null;
            }
        }
        catch
        {
            return null;
        }
    }

    [UnmanagedCallersOnly]
    private static byte* FetchData(MemoryBlockNative* block) => (byte*)block->Context;
}
