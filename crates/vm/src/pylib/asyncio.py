# threadplay's asyncio, written in Python on top of the VM's coroutines (async def /
# await run on the generator machinery). One event loop per thread: a ready list of
# callbacks plus timers ordered by time.monotonic(). When nothing is ready the loop
# calls time.sleep() until the next timer, so the wait goes through the VM's host:
# Stop interrupts it, the trace shows the thread sleeping, and the virtual scheduler
# jumps its clock. Coroutines only switch at an await that really waits: there is
# no preemption here, which is the point of the playground's comparison.
#
# The shapes follow CPython 3.12 (Future, Task, gather, run, sleep, wait_for, Lock,
# Event, Queue) closely enough that ordinary programs print the same lines in the
# same order. Work from other threads (run_in_executor, to_thread,
# run_coroutine_threadsafe, call_soon_threadsafe) reaches the loop through a
# lock-guarded list; once a loop expects such work it waits on a `_thread` lock
# (released by the other thread) instead of sleeping. Not here: streams,
# subprocesses, signals.

import _thread
import sys as _sys
import time as _time

_PENDING = "PENDING"
_CANCELLED = "CANCELLED"
_FINISHED = "FINISHED"


class CancelledError(BaseException):
    "The Future or Task was cancelled."


class InvalidStateError(Exception):
    "The operation is not allowed in this state."


TimeoutError = TimeoutError


async def _probe():
    pass


_probe_coroutine = _probe()
_CoroutineType = type(_probe_coroutine)
_probe_coroutine.close()
del _probe_coroutine


def iscoroutine(obj):
    return isinstance(obj, _CoroutineType)


# ---------------------------------------------------------------- running loops

_running_loops = {}


def _get_running_loop():
    return _running_loops.get(_thread.get_ident())


def get_running_loop():
    loop = _get_running_loop()
    if loop is None:
        raise RuntimeError("no running event loop")
    return loop


def get_event_loop():
    loop = _get_running_loop()
    if loop is None:
        raise RuntimeError(
            "There is no current event loop in thread %r (threadplay: use asyncio.run())"
            % _thread.get_ident()
        )
    return loop


def new_event_loop():
    return EventLoop()


# ---------------------------------------------------------------- callbacks


class Handle:
    """A callback scheduled on the loop (what call_soon returns)."""

    def __init__(self, callback, args, loop):
        self._callback = callback
        self._args = args
        self._loop = loop
        self._cancelled = False

    def cancel(self):
        self._cancelled = True

    def cancelled(self):
        return self._cancelled

    def _run(self):
        try:
            self._callback(*self._args)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            self._loop.call_exception_handler(
                {
                    "message": "Exception in callback %r" % (self._callback,),
                    "exception": exc,
                }
            )


class TimerHandle(Handle):
    """A callback due at a loop time (what call_later and call_at return)."""

    def __init__(self, when, callback, args, loop):
        Handle.__init__(self, callback, args, loop)
        self._when = when

    def when(self):
        return self._when


# ---------------------------------------------------------------- the loop


class EventLoop:
    """Runs callbacks one after another on the thread that calls run_forever()."""

    def __init__(self):
        self._ready = []
        # (when, sequence number, handle), kept sorted: equal times run in the
        # order they were scheduled.
        self._scheduled = []
        self._sequence = 0
        self._stopping = False
        self._closed = False
        self._thread_id = None
        self._current_task = None
        self._tasks = []
        # Cross-thread work: handles added by other threads, the lock guarding them,
        # a lock the loop blocks on while it waits for them, and how many results
        # from other threads it still expects.
        self._ts_ready = []
        self._ts_lock = _thread.allocate_lock()
        self._wakeup = _thread.allocate_lock()
        self._wakeup.acquire()
        self._ts_waiting = False
        self._ts_used = False
        self._external = 0
        self._default_executor = None

    def time(self):
        return _time.monotonic()

    def call_soon(self, callback, *args, context=None):
        self._check_closed()
        handle = Handle(callback, args, self)
        self._ready.append(handle)
        return handle

    def call_later(self, delay, callback, *args, context=None):
        return self.call_at(self.time() + delay, callback, *args)

    def call_at(self, when, callback, *args, context=None):
        self._check_closed()
        handle = TimerHandle(when, callback, args, self)
        self._sequence += 1
        entry = (when, self._sequence, handle)
        scheduled = self._scheduled
        index = len(scheduled)
        while index > 0 and scheduled[index - 1][0] > when:
            index -= 1
        scheduled.insert(index, entry)
        return handle

    def create_future(self):
        return Future(loop=self)

    def create_task(self, coro, *, name=None, context=None):
        self._check_closed()
        return Task(coro, loop=self, name=name)

    def is_running(self):
        return self._thread_id is not None

    def is_closed(self):
        return self._closed

    def _check_closed(self):
        if self._closed:
            raise RuntimeError("Event loop is closed")

    def stop(self):
        self._stopping = True

    def close(self):
        if self.is_running():
            raise RuntimeError("Cannot close a running event loop")
        self._closed = True
        self._ready = []
        self._scheduled = []

    def run_forever(self):
        self._check_closed()
        if self.is_running():
            raise RuntimeError("This event loop is already running")
        if _get_running_loop() is not None:
            raise RuntimeError("Cannot run the event loop while another loop is running")
        self._thread_id = _thread.get_ident()
        _running_loops[self._thread_id] = self
        try:
            while True:
                self._run_once()
                if self._stopping:
                    break
        finally:
            self._stopping = False
            del _running_loops[self._thread_id]
            self._thread_id = None

    def run_until_complete(self, future):
        self._check_closed()
        new_task = not isinstance(future, Future)
        future = ensure_future(future, loop=self)
        future.add_done_callback(_run_until_complete_cb)
        try:
            self.run_forever()
        except BaseException:
            if new_task and future.done() and not future.cancelled():
                future.exception()
            raise
        finally:
            future.remove_done_callback(_run_until_complete_cb)
        if not future.done():
            raise RuntimeError("Event loop stopped before Future completed.")
        return future.result()

    def _run_once(self):
        scheduled = self._scheduled
        while scheduled and scheduled[0][2]._cancelled:
            scheduled.pop(0)
        if self._ts_ready:
            with self._ts_lock:
                self._ready.extend(self._ts_ready)
                self._ts_ready = []
        if not self._ready and not self._stopping and (self._external > 0 or self._ts_used):
            self._wait_for_other_threads(scheduled[0][0] - self.time() if scheduled else -1)
        elif not self._ready and not self._stopping:
            if not scheduled:
                raise RuntimeError(
                    "threadplay: the event loop has nothing left to run: every task "
                    "awaits something that nothing will ever complete"
                )
            # The loop's only wait: a real sleep through the VM's host.
            timeout = scheduled[0][0] - self.time()
            if timeout > 0:
                _time.sleep(timeout)
        end_time = self.time()
        while scheduled and scheduled[0][0] <= end_time:
            handle = scheduled.pop(0)[2]
            if not handle._cancelled:
                self._ready.append(handle)
        todo = self._ready
        self._ready = []
        for index in range(len(todo)):
            handle = todo[index]
            if not handle._cancelled:
                handle._run()

    def _wait_for_other_threads(self, timeout):
        with self._ts_lock:
            if self._ts_ready:
                self._ready.extend(self._ts_ready)
                self._ts_ready = []
                return
            self._ts_waiting = True
        if timeout == -1 or timeout > 0:
            woken = self._wakeup.acquire(True, timeout)
        else:
            woken = False
        with self._ts_lock:
            if not woken:
                if self._ts_waiting:
                    self._ts_waiting = False
                else:
                    # Released between the timeout and here: take it back.
                    self._wakeup.acquire()
            self._ready.extend(self._ts_ready)
            self._ts_ready = []

    def call_soon_threadsafe(self, callback, *args, context=None):
        self._check_closed()
        handle = Handle(callback, args, self)
        with self._ts_lock:
            self._ts_used = True
            self._ts_ready.append(handle)
            if self._ts_waiting:
                self._ts_waiting = False
                self._wakeup.release()
        return handle

    def _expect_external(self, concurrent_future, future):
        # Copies a concurrent.futures result into this loop's future, from the
        # thread that completes it.
        self._external += 1

        def copy_state(source):
            def settle():
                self._external -= 1
                if future.cancelled():
                    return
                if source.cancelled():
                    future.cancel()
                    return
                error = source.exception()
                if error is not None:
                    future.set_exception(error)
                else:
                    future.set_result(source.result())

            self.call_soon_threadsafe(settle)

        concurrent_future.add_done_callback(copy_state)
        return future

    def run_in_executor(self, executor, func, *args):
        self._check_closed()
        if executor is None:
            executor = self._default_executor
            if executor is None:
                import concurrent.futures

                executor = concurrent.futures.ThreadPoolExecutor(
                    thread_name_prefix="asyncio"
                )
                self._default_executor = executor
        return self._expect_external(executor.submit(func, *args), self.create_future())

    def set_default_executor(self, executor):
        self._default_executor = executor

    async def shutdown_default_executor(self, timeout=None):
        executor = self._default_executor
        self._default_executor = None
        if executor is not None:
            executor.shutdown(wait=True)

    def call_exception_handler(self, context):
        message = context.get("message", "Unhandled exception in event loop")
        exception = context.get("exception")
        if exception is not None:
            message = "%s\n%s: %s" % (message, type(exception).__name__, exception)
        _sys.stderr.write(message + "\n")


def _run_until_complete_cb(future):
    future.get_loop().stop()


# ---------------------------------------------------------------- futures


class Future:
    """A result that will be set later; awaiting it suspends the awaiting task."""

    _asyncio_future_blocking = False

    def __init__(self, *, loop=None):
        self._loop = loop if loop is not None else get_running_loop()
        self._state = _PENDING
        self._result = None
        self._exception = None
        self._callbacks = []
        self._cancel_message = None

    def __repr__(self):
        return "<%s %s>" % (type(self).__name__, self._state.lower())

    def get_loop(self):
        return self._loop

    def done(self):
        return self._state != _PENDING

    def cancelled(self):
        return self._state == _CANCELLED

    def _make_cancelled_error(self):
        if self._cancel_message is None:
            return CancelledError()
        return CancelledError(self._cancel_message)

    def cancel(self, msg=None):
        if self._state != _PENDING:
            return False
        self._state = _CANCELLED
        self._cancel_message = msg
        self._schedule_callbacks()
        return True

    def result(self):
        if self._state == _CANCELLED:
            raise self._make_cancelled_error()
        if self._state != _FINISHED:
            raise InvalidStateError("Result is not set.")
        if self._exception is not None:
            raise self._exception
        return self._result

    def exception(self):
        if self._state == _CANCELLED:
            raise self._make_cancelled_error()
        if self._state != _FINISHED:
            raise InvalidStateError("Exception is not set.")
        return self._exception

    def set_result(self, result):
        if self._state != _PENDING:
            raise InvalidStateError("%s: %r" % (self._state, self))
        self._result = result
        self._state = _FINISHED
        self._schedule_callbacks()

    def set_exception(self, exception):
        if self._state != _PENDING:
            raise InvalidStateError("%s: %r" % (self._state, self))
        if isinstance(exception, type):
            exception = exception()
        if isinstance(exception, StopIteration):
            raise TypeError(
                "StopIteration interacts badly with generators and cannot be raised into a Future"
            )
        self._exception = exception
        self._state = _FINISHED
        self._schedule_callbacks()

    def add_done_callback(self, fn, *, context=None):
        if self._state != _PENDING:
            self._loop.call_soon(fn, self)
        else:
            self._callbacks.append(fn)

    def remove_done_callback(self, fn):
        kept = [callback for callback in self._callbacks if callback != fn]
        removed = len(self._callbacks) - len(kept)
        self._callbacks = kept
        return removed

    def _schedule_callbacks(self):
        callbacks = self._callbacks
        self._callbacks = []
        for callback in callbacks:
            self._loop.call_soon(callback, self)

    def __await__(self):
        if not self.done():
            self._asyncio_future_blocking = True
            yield self
        if not self.done():
            raise RuntimeError("await wasn't used with future")
        return self.result()

    __iter__ = __await__


def _set_result_unless_cancelled(future, result):
    if not future.cancelled():
        future.set_result(result)


def isfuture(obj):
    return isinstance(obj, Future)


# ---------------------------------------------------------------- tasks

_task_counter = 0


def _next_task_name():
    global _task_counter
    _task_counter += 1
    return "Task-%d" % _task_counter


class Task(Future):
    """Drives a coroutine on the loop: each step runs it up to its next real wait."""

    def __init__(self, coro, *, loop=None, name=None, context=None):
        Future.__init__(self, loop=loop)
        if not iscoroutine(coro):
            raise TypeError("a coroutine was expected, got %r" % (coro,))
        self._coro = coro
        self._name = _next_task_name() if name is None else str(name)
        self._fut_waiter = None
        self._must_cancel = False
        self._num_cancels_requested = 0
        self._loop.call_soon(self._step)
        tasks = self._loop._tasks
        if len(tasks) >= 64:
            tasks[:] = [task for task in tasks if not task.done()]
        tasks.append(self)

    def __repr__(self):
        state = self._state.lower()
        return "<Task %s name=%r coro=%r>" % (state, self._name, self._coro)

    def get_name(self):
        return self._name

    def set_name(self, value):
        self._name = str(value)

    def get_coro(self):
        return self._coro

    def set_result(self, result):
        raise RuntimeError("Task does not support set_result operation")

    def set_exception(self, exception):
        raise RuntimeError("Task does not support set_exception operation")

    def cancel(self, msg=None):
        if self.done():
            return False
        self._num_cancels_requested += 1
        if self._fut_waiter is not None:
            if self._fut_waiter.cancel(msg=msg):
                return True
        self._must_cancel = True
        self._cancel_message = msg
        return True

    def cancelling(self):
        return self._num_cancels_requested

    def uncancel(self):
        if self._num_cancels_requested > 0:
            self._num_cancels_requested -= 1
        return self._num_cancels_requested

    def _step(self, exc=None):
        if self.done():
            raise InvalidStateError("_step(): already done: %r, %r" % (self, exc))
        if self._must_cancel:
            if not isinstance(exc, CancelledError):
                exc = self._make_cancelled_error()
            self._must_cancel = False
        self._fut_waiter = None
        loop = self._loop
        previous = loop._current_task
        loop._current_task = self
        try:
            self._step_run(exc)
        finally:
            loop._current_task = previous

    def _step_run(self, exc):
        coro = self._coro
        try:
            if exc is None:
                result = coro.send(None)
            else:
                result = coro.throw(exc)
        except StopIteration as stop:
            if self._must_cancel:
                self._must_cancel = False
                Future.cancel(self, msg=self._cancel_message)
            else:
                Future.set_result(self, stop.value)
        except CancelledError:
            Future.cancel(self)
        except (KeyboardInterrupt, SystemExit) as error:
            Future.set_exception(self, error)
            raise
        except BaseException as error:
            Future.set_exception(self, error)
        else:
            self._handle_yield(result)

    def _handle_yield(self, result):
        blocking = getattr(result, "_asyncio_future_blocking", None)
        if blocking is not None:
            if result.get_loop() is not self._loop:
                error = RuntimeError(
                    "Task %r got Future %r attached to a different loop" % (self, result)
                )
                self._loop.call_soon(self._step, error)
            elif blocking:
                if result is self:
                    error = RuntimeError("Task cannot await on itself: %r" % (self,))
                    self._loop.call_soon(self._step, error)
                else:
                    result._asyncio_future_blocking = False
                    result.add_done_callback(self._wakeup)
                    self._fut_waiter = result
                    if self._must_cancel:
                        if self._fut_waiter.cancel(msg=self._cancel_message):
                            self._must_cancel = False
            else:
                error = RuntimeError(
                    "yield was used instead of yield from in task %r with %r" % (self, result)
                )
                self._loop.call_soon(self._step, error)
        elif result is None:
            # A bare yield (sleep(0)): let everything else that is ready run first.
            self._loop.call_soon(self._step)
        else:
            error = RuntimeError("Task got bad yield: %r" % (result,))
            self._loop.call_soon(self._step, error)

    def _wakeup(self, future):
        try:
            future.result()
        except BaseException as error:
            self._step(error)
        else:
            self._step()


def create_task(coro, *, name=None, context=None):
    return get_running_loop().create_task(coro, name=name)


def current_task(loop=None):
    if loop is None:
        loop = get_running_loop()
    return loop._current_task


def all_tasks(loop=None):
    if loop is None:
        loop = get_running_loop()
    return {task for task in loop._tasks if not task.done()}


async def _wrap_awaitable(awaitable):
    return await awaitable


def ensure_future(coro_or_future, *, loop=None):
    if isinstance(coro_or_future, Future):
        return coro_or_future
    if loop is None:
        loop = get_running_loop()
    if iscoroutine(coro_or_future):
        return loop.create_task(coro_or_future)
    if hasattr(coro_or_future, "__await__"):
        return loop.create_task(_wrap_awaitable(coro_or_future))
    raise TypeError("An asyncio.Future, a coroutine or an awaitable is required")


# ---------------------------------------------------------------- sleep, gather, wait_for


class _YieldOnce:
    """What sleep(0) awaits: one bare yield, so every other ready task runs first."""

    def __await__(self):
        yield


async def sleep(delay, result=None):
    if delay <= 0:
        await _YieldOnce()
        return result
    loop = get_running_loop()
    future = loop.create_future()
    handle = loop.call_later(delay, _set_result_unless_cancelled, future, result)
    try:
        return await future
    finally:
        handle.cancel()


class _GatheringFuture(Future):
    """gather()'s result: cancelling it cancels every child."""

    def __init__(self, children, *, loop):
        Future.__init__(self, loop=loop)
        self._children = children
        self._cancel_requested = False

    def cancel(self, msg=None):
        if self.done():
            return False
        cancelled_any = False
        for child in self._children:
            if child.cancel(msg=msg):
                cancelled_any = True
        if cancelled_any:
            self._cancel_requested = True
        return cancelled_any


def gather(*coros_or_futures, return_exceptions=False):
    if not coros_or_futures:
        outer = get_running_loop().create_future()
        outer.set_result([])
        return outer

    state = {"finished": 0}
    children = []
    seen = []
    done_futures = []
    loop = None
    outer = None

    def done_callback(fut):
        state["finished"] += 1
        if outer is None or outer.done():
            if not fut.cancelled():
                fut.exception()
            return
        if not return_exceptions:
            if fut.cancelled():
                outer.set_exception(fut._make_cancelled_error())
                return
            error = fut.exception()
            if error is not None:
                outer.set_exception(error)
                return
        if state["finished"] == len(seen):
            results = []
            for child in children:
                if child.cancelled():
                    message = child._cancel_message
                    results.append(CancelledError("" if message is None else message))
                else:
                    error = child.exception()
                    results.append(child.result() if error is None else error)
            if outer._cancel_requested:
                outer.set_exception(fut._make_cancelled_error())
            else:
                outer.set_result(results)

    for arg in coros_or_futures:
        fut = None
        for known_arg, known_future in seen:
            if known_arg is arg:
                fut = known_future
        if fut is None:
            fut = ensure_future(arg, loop=loop)
            if loop is None:
                loop = fut.get_loop()
            seen.append((arg, fut))
            if fut.done():
                done_futures.append(fut)
            else:
                fut.add_done_callback(done_callback)
        children.append(fut)

    outer = _GatheringFuture(children, loop=loop)
    for fut in done_futures:
        done_callback(fut)
    return outer


def _release_waiter(waiter, *args):
    if not waiter.done():
        waiter.set_result(None)


async def _cancel_and_wait(fut):
    loop = get_running_loop()
    waiter = loop.create_future()

    def wake(f):
        _release_waiter(waiter)

    fut.add_done_callback(wake)
    try:
        fut.cancel()
        await waiter
    finally:
        fut.remove_done_callback(wake)


async def wait_for(fut, timeout):
    loop = get_running_loop()
    if timeout is None:
        return await fut
    fut = ensure_future(fut, loop=loop)
    if timeout <= 0:
        if fut.done():
            return fut.result()
        await _cancel_and_wait(fut)
        try:
            return fut.result()
        except CancelledError as error:
            raise TimeoutError() from error
    waiter = loop.create_future()
    timeout_handle = loop.call_later(timeout, _release_waiter, waiter)

    def wake(f):
        _release_waiter(waiter)

    fut.add_done_callback(wake)
    try:
        try:
            await waiter
        except CancelledError:
            if fut.done():
                return fut.result()
            fut.remove_done_callback(wake)
            await _cancel_and_wait(fut)
            raise
        if fut.done():
            return fut.result()
        fut.remove_done_callback(wake)
        await _cancel_and_wait(fut)
        try:
            return fut.result()
        except CancelledError as error:
            raise TimeoutError() from error
    finally:
        timeout_handle.cancel()


# ---------------------------------------------------------------- run


def run(main, *, debug=None):
    if _get_running_loop() is not None:
        raise RuntimeError("asyncio.run() cannot be called from a running event loop")
    runner = Runner(debug=debug)
    try:
        return runner.run(main)
    finally:
        runner.close()


class Runner:
    """One event loop for the calls of run(); closes it (cancelling leftovers) at the end."""

    def __init__(self, *, debug=None, loop_factory=None):
        self._loop = None

    def get_loop(self):
        if self._loop is None:
            self._loop = new_event_loop()
        return self._loop

    def run(self, coro, *, context=None):
        if not iscoroutine(coro):
            raise ValueError("a coroutine was expected, got %r" % (coro,))
        if _get_running_loop() is not None:
            raise RuntimeError("Runner.run() cannot be called from a running event loop")
        loop = self.get_loop()
        task = loop.create_task(coro)
        return self._loop.run_until_complete(task)

    def close(self):
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            _cancel_all_tasks(loop)
            loop.run_until_complete(loop.shutdown_default_executor())
        finally:
            loop.close()
            self._loop = None


def _cancel_all_tasks(loop):
    to_cancel = [task for task in loop._tasks if not task.done()]
    if not to_cancel:
        return
    for task in to_cancel:
        task.cancel()
    loop.run_until_complete(gather(*to_cancel, return_exceptions=True))
    for task in to_cancel:
        if task.cancelled():
            continue
        if task.exception() is not None:
            loop.call_exception_handler(
                {
                    "message": "unhandled exception during asyncio.run() shutdown",
                    "exception": task.exception(),
                }
            )


# ---------------------------------------------------------------- synchronization


class Lock:
    """A lock for tasks of one loop: acquire() waits without blocking the thread."""

    def __init__(self):
        self._waiters = []
        self._locked = False

    def __repr__(self):
        return "<asyncio.locks.Lock [%s]>" % ("locked" if self._locked else "unlocked")

    def locked(self):
        return self._locked

    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()

    async def acquire(self):
        if not self._locked and all(w.cancelled() for w in self._waiters):
            self._locked = True
            return True
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            try:
                await fut
            finally:
                self._waiters.remove(fut)
        except CancelledError:
            if not self._locked:
                self._wake_up_first()
            raise
        self._locked = True
        return True

    def release(self):
        if not self._locked:
            raise RuntimeError("Lock is not acquired.")
        self._locked = False
        self._wake_up_first()

    def _wake_up_first(self):
        if self._waiters and not self._waiters[0].done():
            self._waiters[0].set_result(True)


class Event:
    """Tasks wait() until some task calls set()."""

    def __init__(self):
        self._waiters = []
        self._value = False

    def is_set(self):
        return self._value

    def set(self):
        if not self._value:
            self._value = True
            for fut in self._waiters:
                if not fut.done():
                    fut.set_result(True)

    def clear(self):
        self._value = False

    async def wait(self):
        if self._value:
            return True
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            await fut
            return True
        finally:
            self._waiters.remove(fut)


class QueueEmpty(Exception):
    "Raised by Queue.get_nowait() when the queue is empty."


class QueueFull(Exception):
    "Raised by Queue.put_nowait() when the queue is full."


class Queue:
    """A FIFO queue for tasks of one loop; put() and get() wait without blocking."""

    def __init__(self, maxsize=0):
        self._maxsize = maxsize
        self._items = []
        self._getters = []
        self._putters = []
        self._unfinished_tasks = 0
        self._finished = Event()
        self._finished.set()

    @property
    def maxsize(self):
        return self._maxsize

    def qsize(self):
        return len(self._items)

    def empty(self):
        return not self._items

    def full(self):
        if self._maxsize <= 0:
            return False
        return self.qsize() >= self._maxsize

    def _wake_next(self, waiters):
        while waiters:
            waiter = waiters.pop(0)
            if not waiter.done():
                waiter.set_result(None)
                break

    async def put(self, item):
        while self.full():
            putter = get_running_loop().create_future()
            self._putters.append(putter)
            try:
                await putter
            except BaseException:
                putter.cancel()
                if putter in self._putters:
                    self._putters.remove(putter)
                if not self.full() and not putter.cancelled():
                    self._wake_next(self._putters)
                raise
        return self.put_nowait(item)

    def put_nowait(self, item):
        if self.full():
            raise QueueFull
        self._items.append(item)
        self._unfinished_tasks += 1
        self._finished.clear()
        self._wake_next(self._getters)

    async def get(self):
        while self.empty():
            getter = get_running_loop().create_future()
            self._getters.append(getter)
            try:
                await getter
            except BaseException:
                getter.cancel()
                if getter in self._getters:
                    self._getters.remove(getter)
                if not self.empty() and not getter.cancelled():
                    self._wake_next(self._getters)
                raise
        return self.get_nowait()

    def get_nowait(self):
        if self.empty():
            raise QueueEmpty
        item = self._items.pop(0)
        self._wake_next(self._putters)
        return item

    def task_done(self):
        if self._unfinished_tasks <= 0:
            raise ValueError("task_done() called too many times")
        self._unfinished_tasks -= 1
        if self._unfinished_tasks == 0:
            self._finished.set()

    async def join(self):
        if self._unfinished_tasks > 0:
            await self._finished.wait()


# ------------------------------------------- more synchronization, waiting, threads


class Semaphore:
    """A counter tasks acquire() (waiting at zero) and release()."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("Semaphore initial value must be >= 0")
        self._value = value
        self._waiters = []

    def __repr__(self):
        extra = "locked" if self.locked() else "unlocked, value:%s" % self._value
        if self._waiters:
            extra = "%s, waiters:%d" % (extra, len(self._waiters))
        return "<asyncio.locks.%s [%s]>" % (type(self).__name__, extra)

    def locked(self):
        return self._value == 0 or any(not w.cancelled() for w in self._waiters)

    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()

    async def acquire(self):
        if not self.locked():
            self._value -= 1
            return True
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            await fut
        except CancelledError:
            if fut.done() and not fut.cancelled():
                self._value += 1
                self._wake_up_next()
            raise
        finally:
            if fut in self._waiters:
                self._waiters.remove(fut)
        self._value -= 1
        return True

    def release(self):
        self._value += 1
        self._wake_up_next()

    def _wake_up_next(self):
        for fut in self._waiters:
            if not fut.done():
                fut.set_result(True)
                return


class BoundedSemaphore(Semaphore):
    """A Semaphore whose release() past the initial value raises ValueError."""

    def __init__(self, value=1):
        self._bound_value = value
        super().__init__(value)

    def release(self):
        if self._value >= self._bound_value:
            raise ValueError("BoundedSemaphore released too many times")
        super().release()


class Condition:
    """wait() releases the lock until notify(); usable with `async with`."""

    def __init__(self, lock=None):
        if lock is None:
            lock = Lock()
        self._lock = lock
        self.locked = lock.locked
        self.acquire = lock.acquire
        self.release = lock.release
        self._waiters = []

    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()

    async def wait(self):
        if not self.locked():
            raise RuntimeError("cannot wait on un-acquired lock")
        self.release()
        try:
            fut = get_running_loop().create_future()
            self._waiters.append(fut)
            try:
                await fut
                return True
            finally:
                self._waiters.remove(fut)
        finally:
            while True:
                try:
                    await self.acquire()
                    break
                except CancelledError:
                    pass

    async def wait_for(self, predicate):
        result = predicate()
        while not result:
            await self.wait()
            result = predicate()
        return result

    def notify(self, n=1):
        if not self.locked():
            raise RuntimeError("cannot notify on un-acquired lock")
        idx = 0
        for fut in self._waiters:
            if idx >= n:
                break
            if not fut.done():
                idx += 1
                fut.set_result(False)

    def notify_all(self):
        self.notify(len(self._waiters))


FIRST_COMPLETED = "FIRST_COMPLETED"
FIRST_EXCEPTION = "FIRST_EXCEPTION"
ALL_COMPLETED = "ALL_COMPLETED"


async def wait(fs, *, timeout=None, return_when=ALL_COMPLETED):
    if isfuture(fs) or iscoroutine(fs):
        raise TypeError("expect a list of futures, not %s" % type(fs).__name__)
    if not fs:
        raise ValueError("Set of Tasks/Futures is empty.")
    if return_when not in (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED):
        raise ValueError("Invalid return_when value: %s" % (return_when,))
    fs = set(fs)
    if any(iscoroutine(f) for f in fs):
        raise TypeError("Passing coroutines is forbidden, use tasks explicitly.")
    loop = get_running_loop()
    waiter = loop.create_future()
    timeout_handle = None
    if timeout is not None:
        timeout_handle = loop.call_later(timeout, _release_waiter, waiter)
    counter = [len(fs)]

    def on_completion(f):
        counter[0] -= 1
        if (
            counter[0] <= 0
            or return_when == FIRST_COMPLETED
            or return_when == FIRST_EXCEPTION
            and (not f.cancelled() and f.exception() is not None)
        ):
            if timeout_handle is not None:
                timeout_handle.cancel()
            if not waiter.done():
                waiter.set_result(None)

    for f in fs:
        f.add_done_callback(on_completion)
    try:
        if not (
            all(f.done() for f in fs)
            or return_when == FIRST_COMPLETED
            and any(f.done() for f in fs)
        ):
            await waiter
    finally:
        if timeout_handle is not None:
            timeout_handle.cancel()
        for f in fs:
            f.remove_done_callback(on_completion)
    done, pending = set(), set()
    for f in fs:
        if f.done():
            done.add(f)
        else:
            pending.add(f)
    return done, pending


def as_completed(fs, *, timeout=None):
    if isfuture(fs) or iscoroutine(fs):
        raise TypeError("expect an iterable of futures, not %s" % type(fs).__name__)
    loop = get_running_loop()
    todo = [ensure_future(f) for f in set(fs)]
    done = Queue()
    timeout_handle = None

    def on_timeout():
        for f in todo:
            f.remove_done_callback(on_completion)
            done.put_nowait(None)
        todo.clear()

    def on_completion(f):
        if not todo:
            return
        todo.remove(f)
        done.put_nowait(f)
        if not todo and timeout_handle is not None:
            timeout_handle.cancel()

    async def wait_for_one():
        f = await done.get()
        if f is None:
            raise TimeoutError
        return f.result()

    for f in todo:
        f.add_done_callback(on_completion)
    if todo and timeout is not None:
        timeout_handle = loop.call_later(timeout, on_timeout)
    for _ in range(len(todo)):
        yield wait_for_one()


class Timeout:
    """`async with timeout(delay)`: cancels the task at the deadline and raises
    TimeoutError out of the block."""

    def __init__(self, when):
        self._when = when
        self._state = "created"
        self._handle = None
        self._task = None

    def when(self):
        return self._when

    def reschedule(self, when):
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        self._when = when
        if when is not None and self._task is not None:
            loop = get_running_loop()
            if when <= loop.time():
                self._handle = loop.call_soon(self._on_timeout)
            else:
                self._handle = loop.call_at(when, self._on_timeout)

    def expired(self):
        return self._state in ("expiring", "expired")

    def __repr__(self):
        return "<Timeout [%s] when=%s>" % (self._state, self._when)

    async def __aenter__(self):
        self._state = "entered"
        self._task = current_task()
        if self._task is None:
            raise RuntimeError("Timeout should be used inside a task")
        self.reschedule(self._when)
        return self

    async def __aexit__(self, exc_type, exc, tb):
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        if self._state == "expiring":
            self._state = "expired"
            if exc_type is CancelledError:
                raise TimeoutError from exc
        elif self._state == "entered":
            self._state = "exited"
        return None

    def _on_timeout(self):
        self._task.cancel()
        self._state = "expiring"
        self._handle = None


def timeout(delay):
    loop = get_running_loop()
    return Timeout(loop.time() + delay if delay is not None else None)


def timeout_at(when):
    return Timeout(when)


class TaskGroup:
    """`async with TaskGroup() as tg`: tg.create_task(...); the block waits for them
    all; a failure cancels the rest and is raised in an ExceptionGroup."""

    def __init__(self):
        self._entered = False
        self._exiting = False
        self._aborting = False
        self._loop = None
        self._parent_task = None
        self._tasks = set()
        self._errors = []
        self._on_completed_fut = None

    def __repr__(self):
        return "<TaskGroup%s>" % (" entered" if self._entered else "")

    async def __aenter__(self):
        if self._entered:
            raise RuntimeError("TaskGroup %r has already been entered" % (self,))
        self._loop = get_running_loop()
        self._parent_task = current_task()
        if self._parent_task is None:
            raise RuntimeError("TaskGroup %r cannot determine the parent task" % (self,))
        self._entered = True
        return self

    async def __aexit__(self, et, exc, tb):
        self._exiting = True
        propagate_cancellation = None
        if exc is not None and not self._aborting and et is not CancelledError:
            self._abort()
        while self._tasks:
            if self._on_completed_fut is None:
                self._on_completed_fut = self._loop.create_future()
            try:
                await self._on_completed_fut
            except CancelledError as error:
                if not self._aborting:
                    propagate_cancellation = error
                    self._abort()
            self._on_completed_fut = None
        if et is not None and et is not CancelledError:
            self._errors.append(exc)
        if propagate_cancellation is not None and not self._errors:
            raise propagate_cancellation
        if self._errors:
            errors = self._errors
            self._errors = None
            raise _exception_group("unhandled errors in a TaskGroup", errors)

    def create_task(self, coro, *, name=None, context=None):
        if not self._entered:
            raise RuntimeError("TaskGroup %r has not been entered" % (self,))
        if self._exiting and not self._tasks:
            raise RuntimeError("TaskGroup %r is finished" % (self,))
        if self._aborting:
            raise RuntimeError("TaskGroup %r is shutting down" % (self,))
        task = self._loop.create_task(coro, name=name)
        if task.done():
            self._on_task_done(task)
        else:
            self._tasks.add(task)
            task.add_done_callback(self._on_task_done)
        return task

    def _abort(self):
        self._aborting = True
        for t in self._tasks:
            if not t.done():
                t.cancel()

    def _on_task_done(self, task):
        self._tasks.discard(task)
        if self._on_completed_fut is not None and not self._tasks:
            if not self._on_completed_fut.done():
                self._on_completed_fut.set_result(True)
        if task.cancelled():
            return
        error = task.exception()
        if error is None:
            return
        self._errors.append(error)
        if not self._aborting:
            self._abort()
            if not self._parent_task.done() and not self._exiting:
                self._parent_task.cancel()


def _exception_group(message, errors):
    # threadplay has no ExceptionGroup (nor `except*`) yet: a stand-in.
    return _TaskGroupError(message, errors)


class _TaskGroupError(Exception):
    """Stands in for ExceptionGroup, which threadplay does not have yet: its str is
    CPython's ("message (N sub-exceptions)") and `.exceptions` holds the failures."""

    def __init__(self, message, exceptions):
        super().__init__(message, exceptions)
        self.message = message
        self.exceptions = tuple(exceptions)

    def __str__(self):
        n = len(self.exceptions)
        return "%s (%d sub-exception%s)" % (self.message, n, "" if n == 1 else "s")


async def to_thread(func, *args, **kwargs):
    loop = get_running_loop()
    if kwargs:
        call = lambda: func(*args, **kwargs)
        return await loop.run_in_executor(None, call)
    return await loop.run_in_executor(None, func, *args)


def run_coroutine_threadsafe(coro, loop):
    if not iscoroutine(coro):
        raise TypeError("A coroutine object is required")
    import concurrent.futures

    future = concurrent.futures.Future()

    def callback():
        task = ensure_future(coro, loop=loop)

        def copy(source):
            if source.cancelled():
                future.cancel()
                return
            error = source.exception()
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(source.result())

        task.add_done_callback(copy)

    loop.call_soon_threadsafe(callback)
    return future
