import asyncio


async def main():
    try:
        async with 5:
            pass
    except TypeError as e:
        print("TypeError:", e)

    class OnlyEnter:
        async def __aenter__(self):
            return self

    try:
        async with OnlyEnter():
            pass
    except TypeError as e:
        print("TypeError:", e)

    class SyncEnter:
        def __aenter__(self):
            return 1

        async def __aexit__(self, *args):
            return False

    try:
        async with SyncEnter():
            pass
    except TypeError as e:
        print("TypeError:", e)
    print("summary: done")


asyncio.run(main())
