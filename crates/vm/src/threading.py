# threadplay's threading module, written in Python on top of the native _thread core
# (crates/vm/src/threads.rs), the way CPython builds its own threading module on _thread.
# Only blocking inside _thread locks gives the GIL away; everything else here is
# ordinary Python running under the chosen GIL model.

import _thread

_allocate_lock = _thread.allocate_lock
get_ident = _thread.get_ident
Lock = _allocate_lock
_LockType = type(_allocate_lock())

_active = {}
_starting = {}  # threads whose start() waits for them to come up, by id()
_counter = 0
_registry = _allocate_lock()


def _new_name(target):
    global _counter
    with _registry:
        _counter += 1
        number = _counter
    if target is None:
        return "Thread-%d" % number
    label = getattr(target, "__name__", None)
    if label is None:
        return "Thread-%d" % number
    return "Thread-%d (%s)" % (number, label)


class RLock:
    """A lock its owner may acquire again; it is free after as many releases."""

    def __init__(self):
        self._block = _allocate_lock()
        self._owner = None
        self._count = 0

    def acquire(self, blocking=True, timeout=-1):
        me = get_ident()
        if self._owner == me:
            self._count += 1
            return True
        if not self._block.acquire(blocking, timeout):
            return False
        self._owner = me
        self._count = 1
        return True

    __enter__ = acquire

    def release(self):
        if self._owner != get_ident():
            raise RuntimeError("cannot release un-acquired lock")
        self._count -= 1
        if self._count == 0:
            self._owner = None
            self._block.release()

    def __exit__(self, kind, value, tb):
        self.release()

    def _is_owned(self):
        return self._owner == get_ident()

    def _release_all(self):
        count = self._count
        self._count = 0
        self._owner = None
        self._block.release()
        return count

    def _restore(self, count):
        self._block.acquire()
        self._owner = get_ident()
        self._count = count


class Condition:
    """Threads wait until notified; each waiter sleeps on a lock of its own."""

    def __init__(self, lock=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release
        # Bound once, as CPython's Condition does: notify() asks on every call, and a
        # plain lock answers natively (held at all: what a non-blocking acquire tests).
        owned = getattr(lock, "_is_owned", None)
        if owned is None and type(lock) is _LockType:
            owned = lock.locked
        if owned is not None:
            self._is_owned = owned
        self._saves_all = hasattr(lock, "_release_all")
        self._waiters = []

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, kind, value, tb):
        return self._lock.__exit__(kind, value, tb)

    def _is_owned(self):
        # Any other lock: held if a non-blocking acquire fails (CPython's fallback).
        if self._lock.acquire(False):
            self._lock.release()
            return False
        return True

    def wait(self, timeout=None):
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        waiter = _allocate_lock()
        waiter.acquire()
        self._waiters.append(waiter)
        if self._saves_all:
            saved = self._lock._release_all()
        else:
            saved = None
            self._lock.release()
        notified = False
        try:
            if timeout is None:
                waiter.acquire()
                notified = True
            elif timeout > 0:
                notified = waiter.acquire(True, timeout)
            else:
                notified = waiter.acquire(False)
            return notified
        finally:
            if saved is None:
                self._lock.acquire()
            else:
                self._lock._restore(saved)
            if not notified and waiter in self._waiters:
                self._waiters.remove(waiter)

    def wait_for(self, predicate, timeout=None):
        result = predicate()
        if result:
            return result
        if timeout is None:
            while not result:
                self.wait()
                result = predicate()
            return result
        remaining = timeout
        import time
        end = time.monotonic() + timeout
        while not result:
            if remaining <= 0:
                break
            self.wait(remaining)
            result = predicate()
            remaining = end - time.monotonic()
        return result

    def notify(self, n=1):
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        waiters = self._waiters
        if not waiters:
            return
        woken = waiters[:n]
        del waiters[:n]
        for waiter in woken:
            waiter.release()

    def notify_all(self):
        self.notify(len(self._waiters))


class Event:
    """A flag threads can wait for."""

    def __init__(self):
        self._cond = Condition(Lock())
        self._flag = False

    def is_set(self):
        return self._flag

    isSet = is_set

    def set(self):
        with self._cond:
            self._flag = True
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag = False

    def wait(self, timeout=None):
        with self._cond:
            if not self._flag:
                self._cond.wait(timeout)
            return self._flag


class Semaphore:
    """A counter that blocks acquire() while it is zero."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = Condition(Lock())
        self._value = value

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        with self._cond:
            if not blocking:
                if self._value == 0:
                    return False
            elif timeout is None:
                while self._value == 0:
                    self._cond.wait()
            else:
                if not self._cond.wait_for(lambda: self._value > 0, timeout):
                    return False
            self._value -= 1
            return True

    __enter__ = acquire

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            self._value += n
            self._cond.notify(n)

    def __exit__(self, kind, value, tb):
        self.release()


class BoundedSemaphore(Semaphore):
    """A semaphore that refuses to be released above its initial value."""

    def __init__(self, value=1):
        super().__init__(value)
        self._initial = value

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            if self._value + n > self._initial:
                raise ValueError("Semaphore released too many times")
            self._value += n
            self._cond.notify(n)


class BrokenBarrierError(RuntimeError):
    pass


class Barrier:
    """Lets `parties` threads continue together once all of them have arrived."""

    def __init__(self, parties, action=None, timeout=None):
        if parties < 1:
            raise ValueError("parties must be >= 1")
        self._cond = Condition(Lock())
        self._parties = parties
        self._action = action
        self._timeout = timeout
        self._count = 0
        self._generation = 0
        self._broken = False

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        return self._count

    @property
    def broken(self):
        return self._broken

    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            if self._broken:
                raise BrokenBarrierError
            index = self._count
            self._count += 1
            generation = self._generation
            if self._count == self._parties:
                if self._action is not None:
                    self._action()
                self._count = 0
                self._generation += 1
                self._cond.notify_all()
                return index
            arrived = self._cond.wait_for(
                lambda: self._generation != generation or self._broken, timeout
            )
            if self._broken or not arrived:
                self._break()
                raise BrokenBarrierError
            return index

    def _break(self):
        self._broken = True
        self._count = 0
        self._cond.notify_all()

    def abort(self):
        with self._cond:
            self._break()

    def reset(self):
        with self._cond:
            self._broken = False
            self._count = 0
            self._generation += 1
            self._cond.notify_all()


class local:
    """Attributes seen only by the thread that set them. A subclass's __init__ runs
    again, with the same arguments, in each thread that first touches the object."""

    def __new__(cls, *args, **kwargs):
        self = object.__new__(cls)
        # The creating thread gets its values from the __init__ call that follows.
        object.__setattr__(self, "_local__slots", {get_ident(): {}})
        object.__setattr__(self, "_local__args", (args, kwargs))
        return self

    def _local__values(self):
        slots = self._local__slots
        ident = get_ident()
        values = slots.get(ident)
        if values is None:
            values = slots[ident] = {}
            args, kwargs = self._local__args
            type(self).__init__(self, *args, **kwargs)
        return values

    def __getattr__(self, name):
        if name.startswith("_local__"):
            raise AttributeError(name)
        values = self._local__values()
        if name in values:
            return values[name]
        kind = "_thread._local" if type(self) is local else type(self).__name__
        raise AttributeError("'%s' object has no attribute '%s'" % (kind, name))

    def __setattr__(self, name, value):
        self._local__values()[name] = value

    def __delattr__(self, name):
        values = self._local__values()
        if name not in values:
            raise AttributeError(name)
        del values[name]


class Thread:
    """A Python thread: runs `target(*args, **kwargs)` (or an overridden run())."""

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        self._target = target
        self._name = str(name) if name is not None else _new_name(target)
        self._args = args
        self._kwargs = kwargs if kwargs is not None else {}
        if daemon is None:
            daemon = current_thread().daemon
        self._daemonic = daemon
        self._ident = None
        self._started = False
        self._finished = False
        self._started_event = None
        self._done = _allocate_lock()
        self._done.acquire()

    def start(self):
        if self._started:
#@line 987
            raise RuntimeError("threads can only be started once")
        self._started = True
        self._started_event = _allocate_lock()
        self._started_event.acquire(); _starting[id(self)] = self  # (one line: keeps numbering)
        try:
            _thread.start_new_thread(self._bootstrap_inner, (), None, self._name)
        except BaseException:
            self._started = False; _starting.pop(id(self), None)
            raise
        # Wait until the new thread has registered itself, as CPython does.
        self._started_event.acquire(); _starting.pop(id(self), None)

    def run(self):
        try:
            if self._target is not None:
#@line 1010
                self._target(*self._args, **self._kwargs)
        finally:
            self._target = None
            self._args = None
            self._kwargs = None

    def _bootstrap_inner(self):
        self._ident = get_ident()
        with _registry:
            _active[self._ident] = self
        self._started_event.release()
        try:
#@line 1073
            self.run()
        except SystemExit:
            pass
        except BaseException as error:
            excepthook(ExceptHookArgs(type(error), error, None, self))
        finally:
            with _registry:
                _active.pop(self._ident, None)
            self._finished = True
            self._done.release()

    def join(self, timeout=None):
        if not self._started:
            raise RuntimeError("cannot join thread before it is started")
        if self is current_thread():
            raise RuntimeError("cannot join current thread")
        if timeout is None:
            self._done.acquire()
            self._done.release()
        elif self._done.acquire(True, max(timeout, 0)):
            self._done.release()

    def is_alive(self):
        return self._started and not self._finished

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, value):
        self._name = str(value)

    @property
    def ident(self):
        return self._ident

    @property
    def native_id(self):
        return self._ident

    @property
    def daemon(self):
        return self._daemonic

    @daemon.setter
    def daemon(self, value):
        if self._started:
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemonic = bool(value)

    def isDaemon(self):
        return self._daemonic

    def setDaemon(self, value):
        self.daemon = value

    def getName(self):
        return self._name

    def setName(self, value):
        self.name = value

    def __repr__(self):
        status = "initial"
        if self._started:
            status = "started"
        if self._finished:
            status = "stopped"
        if self._daemonic:
            status += " daemon"
        if self._ident is not None:
            status += " %s" % self._ident
        return "<%s(%s, %s)>" % (type(self).__name__, self._name, status)


class _MainThread(Thread):
    def __init__(self):
        Thread.__init__(self, name="MainThread", daemon=False)
        self._started = True
        self._ident = get_ident()
        with _registry:
            _active[self._ident] = self


class _DummyThread(Thread):
    def __init__(self):
        Thread.__init__(self, name="Dummy-%d" % get_ident(), daemon=True)
        self._started = True
        self._ident = get_ident()


class Timer(Thread):
    """Calls `function(*args, **kwargs)` after `interval` seconds unless cancelled."""

    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event()

    def cancel(self):
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


# The main thread is created while the Thread class is complete; its daemon flag is
# read by Thread.__init__ through current_thread(), so it is set up by hand first.
_main_thread = None


def current_thread():
    thread = _active.get(get_ident())
    if thread is not None:
        return thread
    if _main_thread is None:
        return _Bootstrapping
    return _DummyThread()


class _BootstrappingThread:
    daemon = False


_Bootstrapping = _BootstrappingThread()
_main_thread = _MainThread()


class ExceptHookArgs:
    """What threading.excepthook receives about an exception that ended a thread."""

    def __init__(self, exc_type, exc_value, exc_traceback, thread):
        self.exc_type = exc_type
        self.exc_value = exc_value
        self.exc_traceback = exc_traceback
        self.thread = thread

    def __iter__(self):
        return iter((self.exc_type, self.exc_value, self.exc_traceback, self.thread))


def excepthook(args):
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else get_ident()
    _thread._report_exception(name, args.exc_value)


__excepthook__ = excepthook

_at_exit = []


def _register_atexit(function, *args, **kwargs):
    _at_exit.append((function, args, kwargs))


def get_native_id():
    return get_ident()


def main_thread():
    return _main_thread


def active_count():
    with _registry:
        return len(_active)


def enumerate():
    with _registry:
        return list(_active.values())


def _shutdown():
    # Called by the interpreter when the main module is done: run the exit hooks
    # (executors stop taking work), then wait for every non-daemon thread, the way
    # CPython does before it exits.
    for function, args, kwargs in reversed(_at_exit):
        function(*args, **kwargs)
    while True:
        with _registry:
            pending = [
                t for t in _active.values() if t is not _main_thread and not t.daemon
            ]
        if not pending:
            return
        for thread in pending:
            thread.join()


def settrace(function):
    raise NotImplementedError("threadplay does not support threading.settrace")


TIMEOUT_MAX = 4294967.0
