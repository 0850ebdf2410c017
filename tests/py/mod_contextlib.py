# contextlib: contextmanager, suppress, ExitStack, nullcontext, closing, redirect_stdout; types; io.StringIO.
import contextlib
import io
import sys
import types
from contextlib import contextmanager, suppress, ExitStack, nullcontext, closing, redirect_stdout


@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    except KeyError as err:
        print("handled", repr(err))
    finally:
        print(f"</{name}>")


with tag("a") as value:
    print("inside", value)
with tag("b"):
    raise KeyError("k")
try:
    with tag("c"):
        raise ValueError("passes through")
except ValueError as err:
    print("outer got", err)


@contextmanager
def no_yield():
    if False:
        yield


@contextmanager
def two_yields():
    yield 1
    yield 2


for cm in (no_yield, two_yields):
    try:
        with cm():
            pass
    except RuntimeError as err:
        print("RuntimeError", err)


@tag("deco")
def decorated(x):
    print("running with", x)
    return x * 2


print(decorated(21))

with suppress(ZeroDivisionError, KeyError):
    1 / 0
print("after suppress")
try:
    with suppress(KeyError):
        [][1]
except IndexError as err:
    print("not suppressed:", err)

with ExitStack() as stack:
    for i in range(3):
        stack.callback(print, "callback", i)
    got = stack.enter_context(tag("stacked"))
    print("entered", got)
    stack.push(lambda *exc: print("push saw", exc[0]))
print("stack done")

with ExitStack() as stack:
    stack.callback(print, "kept")
    moved = stack.pop_all()
print("moved has", len(moved._exit_callbacks))
moved.close()

try:
    with ExitStack() as stack:
        stack.push(lambda t, v, tb: t is ValueError)
        raise ValueError("swallowed by push")
    print("suppressed by ExitStack")
    with ExitStack() as stack:
        stack.enter_context(42)
except TypeError as err:
    print("TypeError", err)

with nullcontext("resource") as r:
    print("nullcontext gave", r)


class Resource:
    def close(self):
        print("closed")


with closing(Resource()) as res:
    print("using", type(res).__name__)

buffer = io.StringIO()
with redirect_stdout(buffer):
    print("captured line")
    print("second", 2)
print("buffer:", repr(buffer.getvalue()), sys.stdout is not buffer)
s = io.StringIO("one\ntwo\n")
print(s.readline(), s.read(), s.tell(), list(io.StringIO("a\nb")))
print(contextlib.AbstractContextManager, issubclass(contextlib.suppress, contextlib.AbstractContextManager))

ns = types.SimpleNamespace(x=1, y="two")
ns.z = [1]
print(ns, ns == types.SimpleNamespace(x=1, y="two", z=[1]), types.SimpleNamespace())
try:
    types.SimpleNamespace({"a": 1})
except TypeError as err:
    print("TypeError", err)
print(types.FunctionType, types.LambdaType, types.GeneratorType, types.BuiltinFunctionType, types.MethodType)
print(types.ModuleType, types.NoneType, types.EllipsisType, types.NotImplementedType)
print(isinstance(decorated, types.FunctionType), isinstance(len, types.BuiltinFunctionType), type(sys) is types.ModuleType)
print("summary: contextlib ok")
