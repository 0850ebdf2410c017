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
    async def stubborn():
        try:
            yield 1
        except GeneratorExit:
            yield 2

    s = stubborn()
    await s.__anext__()
    try:
        await s.aclose()
    except RuntimeError as e:
        print("RuntimeError:", e)

    async def raises_stop():
        raise StopAsyncIteration
        yield

    try:
        await raises_stop().__anext__()
    except RuntimeError as e:
        print("RuntimeError:", e, "| cause:", type(e.__cause__).__name__)
    t = ticker(2)
    a = t.__anext__()
    print(await a)
    try:
        await a
    except RuntimeError as e:
        print("RuntimeError:", e)
    await t.aclose()
    for bad in (lambda: iter(ticker(1)), lambda: next(ticker(1))):
        try:
            bad()
        except TypeError as e:
            print("TypeError:", e)
    try:
        await ticker(1)
    except TypeError as e:
        print("TypeError:", e)
    print("summary: done")


asyncio.run(main())
