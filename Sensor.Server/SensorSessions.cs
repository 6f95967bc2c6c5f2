namespace Sensor.Server;

/// <summary>
/// The live sessions of each sensor, so that the rest of the server can reach them at once: a task queued in this
/// process wakes the session's task pusher (no waiting for the next poll), and a revocation closes the connection
/// (not only the next one). A sensor normally has one session; two overlap briefly while it reconnects.
/// </summary>
public sealed class SensorSessions
{
    private readonly Dictionary<string, List<Handle>> _bySid = new(StringComparer.Ordinal);

    /// <summary>Registers a session; dispose the handle when it ends.</summary>
    public Handle Open(string sid, CancellationToken connection)
    {
        var handle = new Handle(this, sid, connection);
        lock (_bySid)
        {
            if (!_bySid.TryGetValue(sid, out List<Handle>? handles))
            {
                _bySid[sid] = handles = [];
            }

            handles.Add(handle);
        }

        return handle;
    }

    /// <summary>Wakes the task pushers of the sensor's sessions (a task was queued for it).</summary>
    public void Wake(string sid)
    {
        foreach (Handle handle in Snapshot(sid))
        {
            handle.Wake();
        }
    }

    /// <summary>Closes every session of the sensor; returns how many.</summary>
    public int Drop(string sid)
    {
        Handle[] handles = Snapshot(sid);
        foreach (Handle handle in handles)
        {
            handle.Drop();
        }

        return handles.Length;
    }

    public int Count(string sid)
    {
        lock (_bySid)
        {
            return _bySid.TryGetValue(sid, out List<Handle>? handles) ? handles.Count : 0;
        }
    }

    private Handle[] Snapshot(string sid)
    {
        lock (_bySid)
        {
            return _bySid.TryGetValue(sid, out List<Handle>? handles) ? handles.ToArray() : [];
        }
    }

    private void Close(Handle handle)
    {
        lock (_bySid)
        {
            if (_bySid.TryGetValue(handle.Sid, out List<Handle>? handles) && handles.Remove(handle) && handles.Count == 0)
            {
                _bySid.Remove(handle.Sid);
            }
        }
    }

    /// <summary>One session: its wake-up signal and the token that ends it.</summary>
    public sealed class Handle : IDisposable
    {
        private readonly SensorSessions _owner;
        private readonly CancellationTokenSource _drop;
        // At most one pending wake-up: several tasks queued between two listings need one listing.
        private readonly SemaphoreSlim _wake = new(0, 1);

        internal Handle(SensorSessions owner, string sid, CancellationToken connection)
        {
            _owner = owner;
            Sid = sid;
            _drop = CancellationTokenSource.CreateLinkedTokenSource(connection);
        }

        public string Sid { get; }

        /// <summary>Cancelled when the session must end (revoked) or the connection ended.</summary>
        public CancellationToken Ended => _drop.Token;

        public bool Dropped { get; private set; }

        /// <summary>Waits for a wake-up or <paramref name="fallback"/>, whichever comes first; false on the fallback.</summary>
        public Task<bool> WaitForWorkAsync(TimeSpan fallback) => _wake.WaitAsync(fallback, _drop.Token);

        internal void Wake()
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // A wake-up is already pending.
            }
            catch (ObjectDisposedException)
            {
            }
        }

        internal void Drop()
        {
            Dropped = true;
            try
            {
                _drop.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }

        public void Dispose()
        {
            _owner.Close(this);
            _drop.Dispose();
            _wake.Dispose();
        }
    }
}
