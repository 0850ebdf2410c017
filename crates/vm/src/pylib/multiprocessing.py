"""multiprocessing for threadplay: processes with their own interpreter and GIL.

Each process is an isolated runtime (its own modules, builtins and GIL) started as
CPython's spawn start method starts one: the child runs the main module as
`__mp_main__`, then the target the parent named. Arguments and results cross as
pickling would copy them (`_encode`/`_decode`), refusing what pickle refuses with its
messages. Queues, pipes, locks, events and shared memory are Rust objects outside every
runtime (`_processes`, crates/vm/src/processes.rs).
"""
import _processes
import threading


class ProcessError(Exception):
    pass


class BufferTooShort(ProcessError):
    pass


class TimeoutError(ProcessError):
    pass


class AuthenticationError(ProcessError):
    pass


# Raised where pickle raises it, under pickle's own module name.
PicklingError = type("PicklingError", (Exception,), {"__module__": "_pickle"})


# ---------------------------------------------------------------- processes

_children = []


class BaseProcess:
    pass


#@line 82
class Process(BaseProcess):
    _counter = 0

    def __init__(self, group=None, target=None, name=None, args=(), kwargs={},
                 *, daemon=None):
        assert group is None, "group argument must be None for now"
        Process._counter += 1
        parent = current_process()
        self._identity = parent._identity + (Process._counter,)
        self._parent_pid = parent.pid
        self._parent_name = parent.name
        self._handle = None
        self._closed = False
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs)
        self._name = name or (
            type(self).__name__ + "-" + ":".join(str(i) for i in self._identity)
        )
        self._daemon = daemon if daemon is not None else parent.daemon

    def run(self):
        '''
        Method to be run in sub-process; can be overridden in sub-class
        '''
        if self._target:
            self._target(*self._args, **self._kwargs)

    def start(self):
        assert self._handle is None, "cannot start a process twice"
        assert self._parent_pid == current_process().pid, \
            "can only start a process object created by current process"
        assert not current_process().daemon, \
            "daemonic processes are not allowed to have children"
        payload = _encode(self)
        self._handle = _processes.start(self._name, payload)
        _children.append(self)

    def terminate(self):
        raise NotImplementedError("threadplay cannot terminate a process")

    kill = terminate

    def join(self, timeout=None):
        assert self._parent_pid == current_process().pid, "can only join a child process"
        assert self._handle is not None, "can only join a started process"
        if _processes.join(self._handle, timeout) and self in _children:
            _children.remove(self)

    def is_alive(self):
        if self is _current_process:
            return True
        if self._handle is None:
            return False
        return _processes.exitcode(self._handle) is None

    def close(self):
        if self._handle is not None and _processes.exitcode(self._handle) is None:
            raise ValueError("Cannot close a process while it is still running. "
                             "You should first call join() or terminate().")
        self._closed = True

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        assert isinstance(name, str), "name must be a string"
        self._name = name

    @property
    def daemon(self):
        return self._daemon

    @daemon.setter
    def daemon(self, daemonic):
        assert self._handle is None, "process has already started"
        self._daemon = daemonic

    @property
    def exitcode(self):
        if self._handle is None:
            return None
        return _processes.exitcode(self._handle)

    @property
    def ident(self):
        if self is _current_process:
            return self._pid_here
        if self._handle is None:
            return None
        return _processes.pid(self._handle)

    pid = ident

    @property
    def sentinel(self):
        raise NotImplementedError("threadplay has no process sentinels")

    def __repr__(self):
        exitcode = None
        if self is _current_process:
            status = "started"
        elif self._closed:
            status = "closed"
        elif self._handle is None:
            status = "initial"
        else:
            exitcode = _processes.exitcode(self._handle)
            status = "stopped" if exitcode is not None else "started"
        info = [type(self).__name__, "name=%r" % self._name]
        if self._handle is not None:
            info.append("pid=%s" % _processes.pid(self._handle))
        info.append("parent=%s" % self._parent_pid)
        info.append(status)
        if exitcode is not None:
            info.append("exitcode=%s" % exitcode)
        if self._daemon:
            info.append("daemon")
        return "<%s>" % " ".join(info)

    def _bootstrap(self):
        global _current_process, _parent_process
        _current_process = self
        self._pid_here = _processes.identity()[1]
        _parent_process = _ParentProcess(self._parent_name, self._parent_pid)
        exitcode = 1
        try:
            try:
#@line 314
                self.run()
                exitcode = 0
            finally:
                threading._shutdown()
                for conn in _connections:
                    conn.close()
        except SystemExit as e:
            if e.code is None:
                exitcode = 0
            elif isinstance(e.code, int):
                exitcode = e.code
            else:
                import sys
                sys.stderr.write(str(e.code) + "\n")
                exitcode = 1
        except BaseException as error:
            import sys
            sys.stderr.write("Process %s:\n" % self.name)
            _processes.report(error)
        return exitcode


class _MainProcess(Process):
    def __init__(self):
        self._identity = ()
        self._name = "MainProcess"
        self._parent_pid = None
        self._parent_name = None
        self._handle = None
        self._closed = False
        self._daemon = False
        self._target = None
        self._args = ()
        self._kwargs = {}
        self._pid_here = _processes.identity()[1]

    def close(self):
        pass


class _ParentProcess(Process):
    def __init__(self, name, pid):
        self._identity = ()
        self._name = name
        self._parent_pid = None
        self._parent_name = None
        self._handle = None
        self._closed = False
        self._daemon = False
        self._pid_here = pid

    def is_alive(self):
        return True

    @property
    def ident(self):
        return self._pid_here

    pid = ident

    def __repr__(self):
        return "<_ParentProcess name=%r parent=None unknown>" % self._name


_current_process = None
_parent_process = None


def current_process():
    global _current_process
    if _current_process is None:
        _current_process = _MainProcess()
    return _current_process


def parent_process():
    return _parent_process


def active_children():
    for p in list(_children):
        if p.exitcode is not None:
            _children.remove(p)
    return list(_children)


def cpu_count():
    return _processes.cpu_count()


def _child_bootstrap(handle):
    code = 1
    try:
        process = _decode(_processes.payload(handle))
        code = process._bootstrap()
    except BaseException as error:
        _processes.report(error)
    _processes.finish(handle, code)


# ---------------------------------------------------------------- pickling, as a copy

_SCALARS = (type(None), bool, int, float, str)
_REFUSED = {"lock": "_thread.lock", "RLock": "_thread.RLock"}


def _refuse(obj):
    name = type(obj).__name__
    if getattr(type(obj), "__module__", None) == "threading" and name == "RLock":
        name = "_thread.RLock"
    raise TypeError("cannot pickle %r object" % _REFUSED.get(name, name))


def _reference(obj):
    module = getattr(obj, "__module__", None) or "__main__"
    qualname = getattr(obj, "__qualname__", None) or obj.__name__
    if "<locals>" in qualname:
        raise AttributeError("Can't pickle local object %r" % qualname)
    if _processes.lookup(module, qualname) is not obj:
        raise PicklingError(
            "Can't pickle %r: attribute lookup %s on %s failed" % (obj, qualname, module)
        )
    return ("R", module, qualname)


def _encode(obj):
    kind = type(obj)
    if kind in _SCALARS:
        return obj
    if kind is tuple:
        return ("T",) + tuple(_encode(item) for item in obj)
    if kind is list:
        return ("L",) + tuple(_encode(item) for item in obj)
    if kind is dict:
        flat = []
        for key, value in obj.items():
            flat.append(_encode(key))
            flat.append(_encode(value))
        return ("D",) + tuple(flat)
    if kind is set:
        return ("S",) + tuple(_encode(item) for item in obj)
    if kind is frozenset:
        return ("F",) + tuple(_encode(item) for item in obj)
    if kind is range:
        return ("G", obj.start, obj.stop, obj.step)
    if _processes.is_shared(obj):
        return ("N", obj)
    kind_name = kind.__name__
    if kind_name in ("function", "type") or isinstance(obj, type):
        return _reference(obj)
    if kind_name == "builtin_function_or_method":
        module = getattr(obj, "__module__", None) or "builtins"
        if _processes.lookup(module, obj.__name__) is obj:
            return ("R", module, obj.__name__)
        _refuse(obj)
    if kind_name == "method":
        return ("M", _encode(obj.__self__), obj.__func__.__name__)
    if isinstance(obj, BaseException):
        ref = _reference(kind)
        return ("E", ref, _encode(obj.args), _encode(dict(obj.__dict__)))
    if kind_name == "RLock" and getattr(kind, "__module__", None) == "threading":
        _refuse(obj)
    if getattr(kind, "__module__", "builtins") != "builtins" and hasattr(obj, "__dict__"):
        ref = _reference(kind)
        before = getattr(obj, "_mp_before_copy", None)
        if before is not None:
            before()
        return ("I", ref, _encode(dict(obj.__dict__)))
    _refuse(obj)


def _decode(tree):
    if type(tree) is not tuple:
        return tree
    tag = tree[0]
    if tag == "T":
        return tuple(_decode(item) for item in tree[1:])
    if tag == "L":
        return [_decode(item) for item in tree[1:]]
    if tag == "D":
        out = {}
        for i in range(1, len(tree), 2):
            out[_decode(tree[i])] = _decode(tree[i + 1])
        return out
    if tag == "S":
        return set(_decode(item) for item in tree[1:])
    if tag == "F":
        return frozenset(_decode(item) for item in tree[1:])
    if tag == "G":
        return range(tree[1], tree[2], tree[3])
    if tag == "N":
        return tree[1]
    if tag == "R":
        found = _processes.lookup(tree[1], tree[2])
        if found is None:
            raise AttributeError(
                "Can't get attribute %r on <module %r>" % (tree[2], tree[1])
            )
        return found
    if tag == "M":
        return getattr(_decode(tree[1]), tree[2])
    if tag == "E":
        cls = _decode(tree[1])
        error = cls(*_decode(tree[2]))
        for key, value in _decode(tree[3]).items():
            setattr(error, key, value)
        return error
    if tag == "I":
        cls = _decode(tree[1])
        obj = object.__new__(cls)
        for key, value in _decode(tree[2]).items():
            setattr(obj, key, value)
        after = getattr(obj, "_mp_after_copy", None)
        if after is not None:
            after()
        return obj
    raise ValueError("bad pickle")


def _join_children_at_exit():
    for p in list(_children):
        if not p.daemon:
            p.join()


threading._register_atexit(_join_children_at_exit)


_start_method = None


def set_start_method(method, force=False):
    global _start_method
    if _start_method is not None and not force:
        raise RuntimeError("context has already been set")
    if method not in ("spawn", "fork", "forkserver", None):
        raise ValueError("cannot find context for %r" % method)
    _start_method = method


def get_start_method(allow_none=False):
    if _start_method is None and allow_none:
        return None
    return _start_method or "spawn"


def get_all_start_methods():
    return ["spawn"]


def get_context(method=None):
    if method not in ("spawn", "fork", "forkserver", None):
        raise ValueError("cannot find context for %r" % method)
    return _Context()


class _Context:
    def __getattr__(self, name):
        import multiprocessing
        return getattr(multiprocessing, name)


def freeze_support():
    pass


# ---------------------------------------------------------------- queues and pipes

class Queue:
    def __init__(self, maxsize=0):
        self._maxsize = maxsize
        self._q = _processes.queue_new()
        self._closed = False

    def put(self, obj, block=True, timeout=None):
        if self._closed:
            raise ValueError("Queue %r is closed" % self)
        _processes.queue_put(self._q, _encode(obj))

    def put_nowait(self, obj):
        self.put(obj, False)

    def get(self, block=True, timeout=None):
        if self._closed:
            raise ValueError("Queue %r is closed" % self)
        ok, item = _processes.queue_get(self._q, block, timeout)
        if not ok:
            import queue
            raise queue.Empty
        return _decode(item)

    def get_nowait(self):
        return self.get(False)

    def qsize(self):
        return _processes.queue_size(self._q)

    def empty(self):
        return _processes.queue_size(self._q) == 0

    def full(self):
        return bool(self._maxsize) and self.qsize() >= self._maxsize

    def close(self):
        self._closed = True

    def join_thread(self):
        pass

    def cancel_join_thread(self):
        pass


class SimpleQueue(Queue):
    pass


class JoinableQueue(Queue):
    def __init__(self, maxsize=0):
        Queue.__init__(self, maxsize)
        self._unfinished = _processes.array_new("q", [0])
        self._all_done = _processes.event_new()
        _processes.event_set(self._all_done)

    def put(self, obj, block=True, timeout=None):
        _processes.event_clear(self._all_done)
        _processes.array_set(self._unfinished, 0, _processes.array_get(self._unfinished, 0) + 1)
        Queue.put(self, obj, block, timeout)

    def task_done(self):
        left = _processes.array_get(self._unfinished, 0) - 1
        if left < 0:
            raise ValueError("task_done() called too many times")
        _processes.array_set(self._unfinished, 0, left)
        if left == 0:
            _processes.event_set(self._all_done)

    def join(self):
        _processes.event_wait(self._all_done, None)


_connections = []


class Connection:
    def __init__(self, incoming, outgoing):
        self._in = incoming
        self._out = outgoing
        self._closed = False

    def _mp_before_copy(self):
        # A copy for another process is one more write end (as a duplicated file
        # descriptor would be), counted before this end can close.
        if self._out is not None and not self._closed:
            _processes.queue_open(self._out)

    def _mp_after_copy(self):
        # ... and closed at the latest when that process ends.
        if self._out is not None and not self._closed:
            _connections.append(self)

    def _check(self):
        if self._closed:
            raise OSError("handle is closed")

    def send(self, obj):
        self._check()
        if self._out is None:
            raise OSError("connection is read-only")
        _processes.queue_put(self._out, _encode(obj))

    def recv(self):
        self._check()
        if self._in is None:
            raise OSError("connection is write-only")
        ok, item = _processes.queue_get(self._in, True, None)
        if not ok:
            raise EOFError
        return _decode(item)

    def poll(self, timeout=0.0):
        self._check()
        if self._in is None:
            raise OSError("connection is write-only")
        return _processes.queue_wait(self._in, timeout) and (
            _processes.queue_size(self._in) > 0 or True)

    def close(self):
        if not self._closed:
            self._closed = True
            if self._out is not None:
                _processes.queue_close(self._out)

    @property
    def closed(self):
        return self._closed

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def Pipe(duplex=True):
    a = _processes.queue_new()
    b = _processes.queue_new()
    if duplex:
        return Connection(a, b), Connection(b, a)
    return Connection(a, None), Connection(None, a)


# ---------------------------------------------------------------- synchronization

class Lock:
    _recursive = False

    def __init__(self):
        self._lock = _processes.lock_new(self._recursive)

    def acquire(self, block=True, timeout=None):
        return _processes.lock_acquire(self._lock, block, timeout)

    def release(self):
        _processes.lock_release(self._lock)

    def __enter__(self):
        return _processes.lock_acquire(self._lock, True, None)

    def __exit__(self, *exc):
        _processes.lock_release(self._lock)

    def __repr__(self):
        state = "SomeOtherProcess" if _processes.lock_locked(self._lock) else "None"
        return "<%s(owner=%s)>" % (type(self).__name__, state)


class RLock(Lock):
    _recursive = True


class Event:
    def __init__(self):
        self._event = _processes.event_new()

    def is_set(self):
        return _processes.event_is_set(self._event)

    def set(self):
        _processes.event_set(self._event)

    def clear(self):
        _processes.event_clear(self._event)

    def wait(self, timeout=None):
        return _processes.event_wait(self._event, timeout)


_CTYPES = {"b": "c_byte", "B": "c_ubyte", "h": "c_short", "H": "c_ushort",
           "i": "c_int", "I": "c_uint", "l": "c_long", "L": "c_ulong",
           "q": "c_longlong", "Q": "c_ulonglong", "f": "c_float", "d": "c_double"}


class Synchronized:
    def __init__(self, typecode, value, lock):
        self._typecode = typecode
        self._mem = _processes.array_new(typecode, [value])
        self._lock = lock

    @property
    def value(self):
        return _processes.array_get(self._mem, 0)

    @value.setter
    def value(self, value):
        _processes.array_set(self._mem, 0, value)

    def get_lock(self):
        return self._lock

    def get_obj(self):
        return self

    def acquire(self, *args):
        return self._lock.acquire(*args)

    def release(self):
        return self._lock.release()

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *exc):
        return self._lock.__exit__(*exc)

    def __repr__(self):
        return "<Synchronized wrapper for %s(%r)>" % (
            _CTYPES.get(self._typecode, self._typecode), self.value)


def Value(typecode_or_type, *args, lock=True):
    value = args[0] if args else (0.0 if typecode_or_type in "fd" else 0)
    if lock is True:
        lock = RLock()
    elif lock is False:
        lock = None
    return Synchronized(typecode_or_type, value, lock)


class SynchronizedArray(Synchronized):
    def __init__(self, typecode, values, lock):
        self._typecode = typecode
        self._mem = _processes.array_new(typecode, values)
        self._lock = lock

    def __len__(self):
        return _processes.array_len(self._mem)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return _processes.array_get(self._mem, index)

    def __setitem__(self, index, value):
        if isinstance(index, slice):
            for i, item in zip(range(*index.indices(len(self))), value):
                _processes.array_set(self._mem, i, item)
            return
        _processes.array_set(self._mem, index, value)

    def __iter__(self):
        return iter(self[:])

    def __repr__(self):
        return "<SynchronizedArray wrapper for %r>" % (self[:],)


def Array(typecode_or_type, size_or_initializer, *, lock=True):
    if isinstance(size_or_initializer, int):
        values = [0.0 if typecode_or_type in "fd" else 0] * size_or_initializer
    else:
        values = list(size_or_initializer)
    if lock is True:
        lock = RLock()
    elif lock is False:
        lock = None
    return SynchronizedArray(typecode_or_type, values, lock)


# ---------------------------------------------------------------- Pool

def _pool_worker(tasks, results, initializer, initargs):
    if initializer is not None:
        initializer(*initargs)
    while True:
        ok, item = _processes.queue_get(tasks._q, True, None)
        if not ok:
            return
        task = _decode(item)
        if task is None:
            return
        job, index, func, args, kwargs = task
        try:
            outcome = (True, func(*args, **kwargs))
        except Exception as error:
            outcome = (False, error)
        try:
            results.put((job, index, outcome))
        except Exception as error:
            results.put((job, index, (False, MaybeEncodingError(error, outcome[1]))))


class MaybeEncodingError(Exception):
    def __init__(self, exc, value):
        self.exc = repr(exc)
        self.value = repr(value)
        Exception.__init__(self, self.exc, self.value)

    def __str__(self):
        return "Error sending result: '%s'. Reason: '%s'" % (self.value, self.exc)


class _Job:
    def __init__(self, pool, count, callback=None, error_callback=None, single=False):
        self._pool = pool
        self._count = count
        self._values = [None] * count
        self._arrived = [False] * count
        self._left = count
        self._error = None
        self._single = single
        self._callback = callback
        self._error_callback = error_callback
        self._cond = threading.Condition()
        self._order = []
        self._failed = set()
        if count == 0:
            self._finish()

    def _set(self, index, ok, value):
        with self._cond:
            self._values[index] = value
            self._arrived[index] = True
            self._order.append(index)
            if not ok:
                self._failed.add(index)
                if self._error is None:
                    self._error = value
            self._left -= 1
            done = self._left == 0
            self._cond.notify_all()
        if done:
            self._finish()

    def _finish(self):
        self._pool._jobs.pop(id(self), None)
        if self._error is None and self._callback is not None:
            self._callback(self._values[0] if self._single else list(self._values))
        if self._error is not None and self._error_callback is not None:
            self._error_callback(self._error)

    def ready(self):
        return self._left == 0

    def successful(self):
        if not self.ready():
            raise ValueError("%r not ready" % self)
        return self._error is None

    def wait(self, timeout=None):
        with self._cond:
            self._cond.wait_for(self.ready, timeout)

    def get(self, timeout=None):
        self.wait(timeout)
        if not self.ready():
            raise TimeoutError
        if self._error is not None:
            raise self._error
        return self._values[0] if self._single else list(self._values)

    def _item(self, index):
        with self._cond:
            self._cond.wait_for(lambda: self._arrived[index])
        return self._values[index]


class ApplyResult(_Job):
    pass


AsyncResult = ApplyResult


class MapResult(_Job):
    pass


class Pool:
    _worker_prefix = "SpawnPoolWorker"

    def __init__(self, processes=None, initializer=None, initargs=(),
                 maxtasksperchild=None):
        if processes is None:
            processes = cpu_count()
        if processes < 1:
            raise ValueError("Number of processes must be at least 1")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._processes = processes
        self._state = "RUN"
        self._jobs = {}
        self._tasks = Queue()
        self._results = Queue()
        self._pool = []
        for _ in range(processes):
            worker = Process(target=_pool_worker,
                             args=(self._tasks, self._results, initializer, initargs),
                             daemon=True)
            worker._name = worker._name.replace("Process", self._worker_prefix)
            worker.start()
            self._pool.append(worker)
        self._handler = threading.Thread(target=self._handle_results, daemon=True,
                                         name="Thread-results")
        self._handler.start()

    def _handle_results(self):
        while True:
            job, index, outcome = self._results.get()
            if job is None:
                return
            target = self._jobs.get(job)
            if target is not None:
                target._set(index, outcome[0], outcome[1])

    def _check_running(self):
        if self._state != "RUN":
            raise ValueError("Pool not running")

    def _submit(self, job, calls):
        self._jobs[id(job)] = job
        try:
            for index, (func, args, kwargs) in enumerate(calls):
                self._tasks.put((id(job), index, func, args, kwargs))
        except BaseException:
            self._jobs.pop(id(job), None)
            raise
        return job

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        self._check_running()
        job = ApplyResult(self, 1, callback, error_callback, single=True)
        return self._submit(job, [(func, tuple(args), dict(kwds))])

    def apply(self, func, args=(), kwds={}):
        return self.apply_async(func, args, kwds).get()

    def map_async(self, func, iterable, chunksize=None, callback=None,
                  error_callback=None):
        self._check_running()
        items = list(iterable)
        job = MapResult(self, len(items), callback, error_callback)
        return self._submit(job, [(func, (item,), {}) for item in items])

    def map(self, func, iterable, chunksize=None):
        return self.map_async(func, iterable, chunksize).get()

    def starmap_async(self, func, iterable, chunksize=None, callback=None,
                      error_callback=None):
        self._check_running()
        items = [tuple(args) for args in iterable]
        job = MapResult(self, len(items), callback, error_callback)
        return self._submit(job, [(func, args, {}) for args in items])

    def starmap(self, func, iterable, chunksize=None):
        return self.starmap_async(func, iterable, chunksize).get()

    def imap(self, func, iterable, chunksize=1):
        self._check_running()
        items = list(iterable)
        job = MapResult(self, len(items))
        self._submit(job, [(func, (item,), {}) for item in items])
        return self._imap_results(job, False)

    def imap_unordered(self, func, iterable, chunksize=1):
        self._check_running()
        items = list(iterable)
        job = MapResult(self, len(items))
        self._submit(job, [(func, (item,), {}) for item in items])
        return self._imap_results(job, True)

    def _imap_results(self, job, unordered):
        for n in range(job._count):
            if unordered:
                with job._cond:
                    job._cond.wait_for(lambda: len(job._order) > n)
                index = job._order[n]
            else:
                index = n
            value = job._item(index)
            if index in job._failed:
                raise value
            yield value

    def close(self):
        if self._state == "RUN":
            self._state = "CLOSE"
            for _ in self._pool:
                self._tasks.put(None)

    def terminate(self):
        if self._state == "TERMINATE":
            return
        while True:
            ok, _ = _processes.queue_get(self._tasks._q, False, None)
            if not ok:
                break
        if self._state == "RUN":
            for _ in self._pool:
                self._tasks.put(None)
        self._state = "TERMINATE"

    def join(self):
        if self._state == "RUN":
            raise ValueError("Pool is still running")
        for worker in self._pool:
            worker.join()
        self._results.put((None, None, None))
        self._handler.join()

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, *exc):
        self.terminate()

    def __repr__(self):
        return "<%s.%s state=%s pool_size=%d>" % (
            "multiprocessing.pool", type(self).__name__, self._state, len(self._pool))
