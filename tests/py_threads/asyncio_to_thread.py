import asyncio
import threading
import time


def blocking(n):
    time.sleep(0.02)
    return n * n, threading.current_thread() is not threading.main_thread()


async def main():
    results = await asyncio.gather(*(asyncio.to_thread(blocking, n) for n in range(3)))
    print(results)
    print(await asyncio.to_thread(sorted, [3, 1, 2], reverse=True))

    def fails():
        raise ValueError("in a thread")

    try:
        await asyncio.to_thread(fails)
    except ValueError as e:
        print("ValueError:", e)
    print("summary: done")


asyncio.run(main())
