# for loops over generators (ForIter resumes the generator directly), and set/dict
# comprehensions whose keys define __eq__ in Python (SetAdd/MapAdd).


def count(n):
    for i in range(n):
        yield i


def echo():
    received = []
    while True:
        value = yield len(received)
        received.append(value)
        if value is None and len(received) > 3:
            return received


# The loop variable as a local, a cell, a global and a tuple target.
def plain():
    total = 0
    for x in count(5):
        total += x
    return total


def captured():
    fns = []
    for x in count(3):
        fns.append(lambda: x)
    return [f() for f in fns]


def unpacked():
    return [a * b for a, b in ((i, i + 1) for i in count(4))]


print(plain(), captured(), unpacked())
for g in count(3):
    pass
print("global", g)
for i, v in enumerate(count(3)):
    print("enumerate", i, v)
for v in echo():
    print("echo yielded", v)
    if v > 4:
        break


# A generator that returns a value ends the loop; the value is dropped.
def returns():
    yield 1
    return 99


print([x for x in returns()])


# The same generator consumed twice: the second loop runs no iteration.
gen = count(2)
print(list(gen), [x for x in gen])


# Exceptions raised inside the generator reach the loop with the generator frame in
# the traceback, and finish the generator.
def fails(after):
    for i in range(after):
        yield i
    raise ValueError(f"failed after {after}")


try:
    for x in fails(2):
        print("got", x)
except ValueError as e:
    print("caught", e)

broken = fails(1)
try:
    for x in broken:
        pass
except ValueError:
    pass
print("after failure", list(broken))


def stops():
    yield 1
    raise StopIteration("inner")


try:
    for x in stops():
        print("stops yielded", x)
except RuntimeError as e:
    print(type(e).__name__, e, repr(e.__cause__))


# A generator driving itself is already executing.
def selfish():
    yield next(me)


me = selfish()
try:
    for x in me:
        pass
except ValueError as e:
    print("ValueError", e)


# Nested: generators over generators, the loop broken early and resumed later.
def pairs(n):
    for a in count(n):
        for b in count(a):
            yield a, b


p = pairs(4)
for item in p:
    print("pair", item)
    if item == (2, 1):
        break
print("rest", list(p))


# try/except inside the generator around the yield; the loop raises into nothing.
def guarded():
    for i in range(3):
        try:
            yield i
        except KeyError:
            print("never")
        finally:
            print("finally", i)


for x in guarded():
    print("guarded", x)


# Keys with a Python __eq__ in set and dict comprehensions.
class Key:
    def __init__(self, n):
        self.n = n

    def __hash__(self):
        return self.n % 3

    def __eq__(self, other):
        print("eq", self.n, other.n)
        return self.n % 6 == other.n % 6

    def __repr__(self):
        return f"Key({self.n})"


print(sorted({Key(n) for n in range(8)}, key=lambda k: k.n))
print(sorted({Key(n): n for n in range(8)}.items(), key=lambda kv: kv[0].n))


class Bad:
    def __hash__(self):
        raise TypeError("no hash for you")


try:
    {Bad() for _ in range(2)}
except TypeError as e:
    print("set", e)
try:
    {Bad(): 1 for _ in range(2)}
except TypeError as e:
    print("dict", e)
try:
    {[]: 1 for _ in range(2)}
except TypeError as e:
    print("dict", e)


# An exception from a generator in a loop at module level, uncaught.
for x in fails(1):
    print("last", x)
