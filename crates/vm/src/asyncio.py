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
# same order. Not here: async generators, `async with` / `async for` (the language
# does not support them yet), executors, streams, subprocesses, signals.

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
        if not self._ready and not self._stopping:
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
