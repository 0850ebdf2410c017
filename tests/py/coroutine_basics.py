# Coroutine objects driven by hand: send, StopIteration.value, throw, close.
async def add(a, b):
    return a + b


async def twice(x):
    first = await add(x, x)
    second = await add(first, 1)
    return first, second


c = twice(5)
print(type(c).__name__, repr(c).startswith("<coroutine object twice at 0x"))
try:
    c.send(None)
except StopIteration as stop:
    print("returned", stop.value)
try:
    c.send(None)
except RuntimeError as error:
    print("RuntimeError:", error)


class Ticket:
    def __await__(self):
        answer = yield "waiting"
        return "answer=" + str(answer)


async def client():
    got = await Ticket()
    print("client got", got)
    try:
        await Ticket()
    except KeyError as error:
        print("client caught", repr(error))
        return "recovered"


c = client()
print("yielded", c.send(None))
print("yielded", c.send(42))
try:
    c.throw(KeyError("k"))
except StopIteration as stop:
    print("returned", stop.value)

c = client()
try:
    c.send("early")
except TypeError as error:
    print("TypeError:", error)
c.close()

c = client()
c.send(None)
c.close()
print("closed")


async def bad_await():
    await 7


c = bad_await()
try:
    c.send(None)
except TypeError as error:
    print("TypeError:", error)

c = add(1, 2)
for attempt in (lambda: iter(c), lambda: next(c)):
    try:
        attempt()
    except TypeError as error:
        print("TypeError:", error)
c.close()


def gen():
    try:
        yield 1
        yield 2
    finally:
        print("generator finally ran")


g = gen()
print(next(g))
g.close()
g = gen()
next(g)
try:
    g.throw(ValueError("into generator"))
except ValueError as error:
    print("ValueError:", error)
print("summary: ok")
