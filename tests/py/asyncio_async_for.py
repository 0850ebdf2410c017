import asyncio


class Countdown:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n <= 0:
            raise StopAsyncIteration
        await asyncio.sleep(0)
        self.n -= 1
        return self.n


async def main():
    async for i in Countdown(3):
        print("tick", i)
    async for i in Countdown(5):
        if i == 3:
            continue
        if i == 1:
            break
        print("seen", i)
    else:
        print("not reached")
    async for i in Countdown(0):
        pass
    else:
        print("else after empty loop")
    print([x * 2 async for x in Countdown(4)])
    print({x async for x in Countdown(3)})
    print({x: x * x async for x in Countdown(3) if x})

    async def double(x):
        await asyncio.sleep(0)
        return 2 * x

    print([await double(x) for x in range(4)])
    print([y async for x in Countdown(2) for y in range(x + 1)])
    it = aiter(Countdown(2))
    print(await anext(it), await anext(it), await anext(it, "done"))
    try:
        await anext(it)
    except StopAsyncIteration:
        print("StopAsyncIteration")
    q = asyncio.Queue()
    for item in ("a", "b", None):
        q.put_nowait(item)

    async def drain():
        while (item := await q.get()) is not None:
            yield item

    print([item async for item in drain()])
    print("summary: done")


asyncio.run(main())
