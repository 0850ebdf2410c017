import asyncio


async def main():
    try:
        async for x in [1, 2]:
            pass
    except TypeError as e:
        print("TypeError:", e)

    class BadNext:
        def __aiter__(self):
            return self

        def __anext__(self):
            return 42

    try:
        async for x in BadNext():
            pass
    except TypeError as e:
        print("TypeError:", e)
    print("summary: done")


asyncio.run(main())
