import asyncio


class Resource:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    async def __aenter__(self):
        print("enter", self.name)
        await asyncio.sleep(0)
        return self.name.upper()

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0)
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return self.suppress


async def returns_inside():
    async with Resource("r") as value:
        return value + "!"


async def main():
    async with Resource("a") as a, Resource("b") as b:
        print("body", a, b)
    async with Resource("quiet", suppress=True):
        raise ValueError("swallowed")
    print("after suppressed")
    try:
        async with Resource("loud"):
            raise KeyError("k")
    except KeyError as e:
        print("propagated", repr(e))
    print(await returns_inside())
    for i in range(3):
        async with Resource("loop%d" % i):
            if i == 1:
                continue
            if i == 2:
                break
            print("loop body", i)
    lock = asyncio.Lock()
    async with lock:
        print("locked:", lock.locked())
    print("locked after:", lock.locked())
    print("summary: done")


asyncio.run(main())
