# threadplay's concurrent.futures (threads only), in Python on top of threading.
import threading
import time as _time

FIRST_COMPLETED = "FIRST_COMPLETED"
FIRST_EXCEPTION = "FIRST_EXCEPTION"
ALL_COMPLETED = "ALL_COMPLETED"

_PENDING = "PENDING"
_RUNNING = "RUNNING"
_CANCELLED = "CANCELLED"
_FINISHED = "FINISHED"


class CancelledError(Exception):
    "The future was cancelled."


class InvalidStateError(Exception):
    "The future is not in a state that allows the operation."


TimeoutError = TimeoutError


class Future:
    """The eventual result of a call submitted to an executor."""

    def __init__(self):
        self._condition = threading.Condition()
        self._state = _PENDING
        self._result = None
        self._exception = None
        self._callbacks = []
        self._watchers = []

    def cancel(self):
        with self._condition:
            if self._state in (_RUNNING, _FINISHED):
                return False
            if self._state == _CANCELLED:
                return True
            self._state = _CANCELLED
            self._condition.notify_all()
        self._finish()
        return True

    def cancelled(self):
        return self._state == _CANCELLED

    def running(self):
        return self._state == _RUNNING

    def done(self):
        return self._state in (_CANCELLED, _FINISHED)

    def _wait(self, timeout):
        with self._condition:
            if not self.done():
                self._condition.wait(timeout)
            if self._state == _CANCELLED:
                raise CancelledError()
            if self._state != _FINISHED:
                raise TimeoutError()

    def result(self, timeout=None):
        self._wait(timeout)
        if self._exception is not None:
            raise self._exception
        return self._result

    def exception(self, timeout=None):
        self._wait(timeout)
        return self._exception

    def add_done_callback(self, function):
        with self._condition:
            if not self.done():
                self._callbacks.append(function)
                return
        function(self)

    def set_running_or_notify_cancel(self):
        with self._condition:
            if self._state == _CANCELLED:
                return False
            self._state = _RUNNING
            return True

    def set_result(self, result):
        with self._condition:
            if self._state in (_CANCELLED, _FINISHED):
                raise InvalidStateError("%s: %r" % (self._state, self))
            self._result = result
            self._state = _FINISHED
            self._condition.notify_all()
        self._finish()

    def set_exception(self, exception):
        with self._condition:
            if self._state in (_CANCELLED, _FINISHED):
                raise InvalidStateError("%s: %r" % (self._state, self))
            self._exception = exception
            self._state = _FINISHED
            self._condition.notify_all()
        self._finish()

    def _finish(self):
        for watcher in list(self._watchers):
            watcher.set()
        for function in self._callbacks:
            function(self)
        self._callbacks = []

    def __repr__(self):
        return "<Future state=%s>" % self._state.lower()


class ThreadPoolExecutor:
    """Runs submitted calls on up to `max_workers` reusable threads."""

    def __init__(self, max_workers=None, thread_name_prefix=""):
        if max_workers is None:
            max_workers = 6
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        self._max_workers = max_workers
        self._prefix = thread_name_prefix or ("ThreadPoolExecutor-%d" % _next_pool())
        # Pending calls from `_work_head` on: taking one is O(1) (list.pop(0) moved the
        # rest each time, quadratic for many submissions, issue 16).
        self._work = []
        self._work_head = 0
        self._work_ready = threading.Condition()
        self._threads = []
        self._idle = 0
        self._shutdown = False
        # Like CPython, idle workers are told to finish when the program ends.
        threading._register_atexit(self._stop_at_exit)

    def _stop_at_exit(self):
        with self._work_ready:
            self._shutdown = True
            self._work_ready.notify_all()

    def submit(self, fn, /, *args, **kwargs):
        with self._work_ready:
            if self._shutdown:
                raise RuntimeError("cannot schedule new futures after shutdown")
            future = Future()
            self._work.append((future, fn, args, kwargs))
            if self._idle == 0 and len(self._threads) < self._max_workers:
                name = "%s_%d" % (self._prefix, len(self._threads))
                worker = threading.Thread(target=self._worker, name=name)
                self._threads.append(worker)
                worker.start()
            self._work_ready.notify()
            return future

    def _worker(self):
        while True:
            with self._work_ready:
                while self._work_head == len(self._work) and not self._shutdown:
                    self._idle += 1
                    self._work_ready.wait()
                    self._idle -= 1
                if self._work_head == len(self._work):
                    return
                future, fn, args, kwargs = self._work[self._work_head]
                self._work[self._work_head] = None
                self._work_head += 1
                if self._work_head >= 64 and self._work_head * 2 >= len(self._work):
                    del self._work[: self._work_head]
                    self._work_head = 0
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = fn(*args, **kwargs)
            except BaseException as error:
                future.set_exception(error)
            else:
                future.set_result(result)

    def map(self, fn, *iterables, timeout=None):
        futures = [self.submit(fn, *args) for args in zip(*iterables)]

        def results():
            for future in futures:
                yield future.result(timeout)

        return results()

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._work_ready:
            self._shutdown = True
            if cancel_futures:
                for future, _fn, _args, _kwargs in self._work[self._work_head :]:
                    future.cancel()
                self._work = []
                self._work_head = 0
            self._work_ready.notify_all()
        if wait:
            for worker in self._threads:
                worker.join()

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        self.shutdown(wait=True)
        return False


_pools = 0


class ProcessPoolExecutor:
    """Runs submitted calls in up to `max_workers` processes (issue 15): each has its
    own interpreter and GIL; calls and results are copied as pickling copies them."""

    def __init__(self, max_workers=None, mp_context=None, initializer=None,
                 initargs=(), *, max_tasks_per_child=None):
        import multiprocessing
        if max_workers is None:
            max_workers = multiprocessing.cpu_count()
        elif max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        self._max_workers = max_workers
        self._pool = multiprocessing.Pool(max_workers, initializer, initargs)
        self._shutdown = False

    def submit(self, fn, /, *args, **kwargs):
        if self._shutdown:
            raise RuntimeError("cannot schedule new futures after shutdown")
        future = Future()
        future.set_running_or_notify_cancel()
        try:
            self._pool.apply_async(fn, args, kwargs, callback=future.set_result,
                                   error_callback=future.set_exception)
        except Exception as error:
            # Like CPython, what cannot be sent reaches the caller through the future.
            future.set_exception(error)
        return future

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        if chunksize < 1:
            raise ValueError("chunksize must be >= 1.")
        futures = [self.submit(fn, *args) for args in zip(*iterables)]

        def results():
            for future in futures:
                yield future.result(timeout)

        return results()

    def shutdown(self, wait=True, *, cancel_futures=False):
        self._shutdown = True
        self._pool.close()
        if wait:
            self._pool.join()

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        self.shutdown(wait=True)
        return False


def _next_pool():
    global _pools
    _pools += 1
    return _pools - 1


def as_completed(fs, timeout=None):
    """Yields the futures as they finish (those already done first)."""
    unique = []
    for future in fs:
        if not any(future is seen for seen in unique):
            unique.append(future)
    fs = unique
    finished = threading.Event()
    for future in fs:
        future._watchers.append(finished)
    end = None if timeout is None else _time.monotonic() + timeout
    yielded = set()
    while len(yielded) < len(fs):
        progressed = False
        for index, future in enumerate(fs):
            if index not in yielded and future.done():
                yielded.add(index)
                progressed = True
                yield future
        if len(yielded) == len(fs) or progressed:
            continue
        remaining = None if end is None else end - _time.monotonic()
        if remaining is not None and remaining <= 0:
            unfinished = len(fs) - len(yielded)
            raise TimeoutError("%d (of %d) futures unfinished" % (unfinished, len(fs)))
        finished.wait(remaining)
        finished.clear()


class DoneAndNotDoneFutures:
    def __init__(self, done, not_done):
        self.done = done
        self.not_done = not_done

    def __iter__(self):
        return iter((self.done, self.not_done))


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    fs = list(fs)
    event = threading.Event()
    for future in fs:
        future._watchers.append(event)
    end = None if timeout is None else _time.monotonic() + timeout
    while True:
        done = set(f for f in fs if f.done())
        not_done = set(f for f in fs if not f.done())
        if return_when == FIRST_COMPLETED and done:
            break
        if return_when == FIRST_EXCEPTION and any(
            not f.cancelled() and f._exception is not None for f in done
        ):
            break
        if not not_done:
            break
        remaining = None if end is None else end - _time.monotonic()
        if remaining is not None and remaining <= 0:
            break
        event.wait(remaining)
        event.clear()
    return DoneAndNotDoneFutures(done, not_done)
