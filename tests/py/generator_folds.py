# sum/any/all/max/min over generators: int, float, big-int and custom sums, a start
# value, the switch to Python __add__/__bool__/__gt__ partway, early exits that leave the
# generator resumable, empty input, PEP 479, tracebacks through the generator.
import sys

def g(n):
    for i in range(n):
        yield i
print(sum(g(10)), sum(g(10), 5), sum(g(10), 0.5), sum((x * 0.1 for x in range(10))))
print(max(g(10)), min(g(10)), any(g(3)), all(g(3)), any(x > 5 for x in g(10)))
it = g(10)
print(any(x > 5 for x in it), next(it))
gg = (x for x in range(10))
print(any(x > 3 for x in [1]), any(gg), next(gg))
try:
    max(g(0))
except ValueError as e:
    print("VE", e)
try:
    min(x for x in ())
except ValueError as e:
    print("VE", e)
class A:
    def __init__(self, v): self.v = v
    def __add__(self, o): return A(self.v + (o.v if isinstance(o, A) else o))
    __radd__ = __add__
    def __gt__(self, o): return self.v > o.v
    def __lt__(self, o): return self.v < o.v
    def __bool__(self):
        print("bool", self.v); return self.v > 2
print(sum(A(i) for i in range(5)).v, sum((i if i < 3 else A(i) for i in range(5))).v)
print(max(A(i) for i in [3, 1, 4, 1, 5]).v, min((i for i in [3, 1, 4, 2])), max([1, A(2)][i] if False else i for i in range(3)))
print(any(A(i) for i in range(5)), all(A(i) for i in range(5)))
def bad():
    yield 1
    raise StopIteration
try:
    sum(bad())
except RuntimeError as e:
    print("RE", e, repr(e.__cause__))
def boom():
    yield 1
    yield 2
    1 / 0
try:
    sum(boom())
except ZeroDivisionError:
    print("caught", repr(sys.exc_info()[1]))
try:
    sum(x for x in [1, "a"])
except TypeError:
    print("caught", repr(sys.exc_info()[1]))
try:
    max(x for x in [1, "a"])
except TypeError:
    print("caught", repr(sys.exc_info()[1]))
g2 = g(5)
next(g2)
print(sum(g2), sum(g2))
def rec():
    yield sum(rec())
try:
    sum(rec())
except RecursionError as e:
    print("rec", e)
def selfref():
    yield 1
    yield sum(h)
h = selfref()
try:
    print(sum(h))
except ValueError as e:
    print("VE", e)
def fin():
    try:
        yield 1
        yield 2
    finally:
        print("fin")
f = fin()
print(any(f))
f.close()
def yf():
    yield from range(4)
    yield from g(3)
    return 7
print(sum(yf()), max(yf()), list(yf()))
def exc_in():
    try:
        raise KeyError(1)
    except KeyError:
        yield 5
        yield 6
print(sum(exc_in()))
try:
    raise ValueError("outer")
except ValueError:
    print(sum(exc_in()))
    print("caught", repr(sys.exc_info()[1]))
print(sum(x for x in range(3)) + sum(range(4)), sum(iter([1, 2])), sum([True, True]), sum(x > 0 for x in range(-3, 3)))
print(sum((x for x in range(2**62, 2**62 + 4))), sum((1.5, 2**60)), sum(x for x in [2**63, 1]))

import sys
def g(n):
    for i in range(n):
        x = yield i
        if x is not None:
            print("got", x)
    return "done"
a = g(3)
print(next(a), a.send(10), next(a))
try:
    next(a)
except StopIteration as e:
    print("SI", repr(e), e.value)
print(next(a, "dflt"), next(g(0), "d2"))
b = g(3)
try:
    b.send(5)
except TypeError as e:
    print("TE", e)
print(b.send(None), b.send(7))
def m():
    v = yield
    print("v", v)
    try:
        yield 1
    except KeyError:
        print("caught KE")
        yield 2
    return 9
c = m()
next(c)
print(c.send("x"))
print(c.throw(KeyError))
try:
    c.send(1)
except StopIteration as e:
    print("stop", e.value)
try:
    c.send(1)
except StopIteration as e:
    print("stop2", e.value)
def bad():
    raise StopIteration
    yield
try:
    next(bad())
except RuntimeError as e:
    print("RE", e)
def d():
    yield next(dd)
dd = d()
try:
    next(dd)
except ValueError as e:
    print("VE", e)
def yf():
    r = yield from g(2)
    print("r", r)
    yield 100
y = yf()
print(next(y), y.send("s"), next(y))
def fin():
    try:
        yield 1
    finally:
        print("finally")
f = fin()
print(next(f))
f.close()
def ex():
    try:
        raise KeyError("k")
    except KeyError:
        yield sys.exc_info()[0].__name__
        yield sys.exc_info()[0].__name__
e = ex()
print(next(e))
try:
    raise ValueError
except ValueError:
    print(next(e), sys.exc_info()[0].__name__)
print(sys.exc_info())
def zero():
    yield 1
    1/0
z = zero()
next(z)
def caller():
    return next(z)
caller()
