# The awaitables of async generators: what `agen.asend(v)`, `agen.athrow(...)`,
# `agen.aclose()` and `agen.__anext__()` return, and the `anext()` with a default.
# Each drives the generator's frame through `_step` (native, set by the VM when it
# loads this module): one resume that says whether the frame paused in an `await`
# (the value goes on to whoever awaits us, usually the event loop), at a `yield`
# (the value is our result) or finished. This module must never resume a frame
# itself any other way, nor keep a reference to a generator once its step is done.

_AWAITING = 0
_YIELDED = 1
_FINISHED = 2

_SEND = 0
_THROW = 1


class _AsyncGenAwaitable:
    def __init__(self, agen, mode, arg, close, name):
        self._agen = agen
        self._mode = mode
        self._arg = arg
        self._close = close
        self._name = name
        self._used = False
        self._gen = None

    def __await__(self):
        if self._used:
            raise RuntimeError(
                "cannot reuse already awaited __anext__()/asend()"
                if self._name == "asend"
                else "cannot reuse already awaited aclose()/athrow()"
            )
        return self._driver()

    def __iter__(self):
        return self.__await__()

    def _driver(self):
        if self._gen is None:
            self._used = True
            self._gen = _drive(self._agen, self._mode, self._arg, self._close)
        return self._gen

    def __next__(self):
        return self._driver().send(None)

    def send(self, value):
        return self._driver().send(value)

    def throw(self, *args):
        return self._driver().throw(*args)

    def close(self):
        if self._gen is not None:
            self._gen.close()


def _drive(agen, mode, arg, close):
    state = _native_state(agen)
    if close and state != 1:
        # Never started or already finished: nothing to unwind.
        _native_finish(agen)
        return None
    if state == 3 and not close:
        if mode == _THROW:
            return None
        raise StopAsyncIteration
    try:
        kind, value = _native_step(agen, mode, arg)
        while kind == _AWAITING:
            try:
                sent = yield value
            except BaseException as error:
                kind, value = _native_step(agen, _THROW, error)
            else:
                kind, value = _native_step(agen, _SEND, sent)
    except StopAsyncIteration as error:
        if close:
            return None
        if error is arg:
            raise
        raise RuntimeError("async generator raised StopAsyncIteration") from error
    except GeneratorExit:
        if close:
            return None
        raise
    if kind == _FINISHED:
        if close:
            return None
        raise StopAsyncIteration
    if close:
        raise RuntimeError("async generator ignored GeneratorExit")
    return value


class async_generator_asend(_AsyncGenAwaitable):
    pass


class async_generator_athrow(_AsyncGenAwaitable):
    pass


def asend(agen, value):
    return async_generator_asend(agen, _SEND, value, False, "asend")


def athrow(agen, typ, val=None, tb=None):
    if val is None:
        error = typ() if isinstance(typ, type) else typ
    else:
        error = val if isinstance(val, BaseException) else typ(val)
    return async_generator_athrow(agen, _THROW, error, False, "athrow")


def aclose(agen):
    return async_generator_athrow(agen, _THROW, GeneratorExit(), True, "aclose")


async def _anext_default(awaitable, default):
    try:
        return await awaitable
    except StopAsyncIteration:
        return default
