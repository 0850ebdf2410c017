import asyncio


async def add(a, b):
    await asyncio.sleep(0.01)
    return a + b


def from_thread(loop):
    future = asyncio.run_coroutine_threadsafe(add(2, 3), loop)
    return future.result(timeout=5)


async def main():
    loop = asyncio.get_running_loop()
    print(loop is asyncio.get_running_loop())
    print(await loop.run_in_executor(None, from_thread, loop))
    done = asyncio.Event()
    loop.call_soon_threadsafe(done.set)
    await done.wait()
    print("event set from call_soon_threadsafe")
    print("summary: done")


asyncio.run(main())
try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print("RuntimeError:", e)
