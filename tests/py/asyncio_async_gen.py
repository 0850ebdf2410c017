import asyncio


async def ticker(n):
    try:
        for i in range(n):
            await asyncio.sleep(0)
            received = yield i
            if received is not None:
                print("received", received)
    finally:
        print("ticker cleanup")


async def main():
    async for value in ticker(3):
        print("value", value)
    g = ticker(5)
    print(type(g).__name__, repr(g).startswith("<async_generator object ticker at"))
    print(await g.__anext__())
    print(await g.asend("hello"))
    try:
        await g.athrow(ValueError("boom"))
    except ValueError as e:
        print("athrow raised", e)
    try:
        await g.__anext__()
    except StopAsyncIteration as e:
        print("exhausted", repr(e))
    print(await g.aclose())

    async def catcher():
        try:
            yield 1
        except KeyError:
            yield "caught"

    c = catcher()
    await c.__anext__()
    print(await c.athrow(KeyError))

    squares = (x * x async for x in ticker(3))
    print(type(squares).__name__, [v async for v in squares])
    print("summary: done")


asyncio.run(main())
