# Three one-second downloads awaited together take one second, not three.
import asyncio
import time


async def download(name):
    print("start", name)
    await asyncio.sleep(1)
    print("end", name)
    return len(name)


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    sizes = await asyncio.gather(download("a.txt"), download("bb.txt"), download("ccc.txt"))
    print(sizes, "loop time", round(loop.time() - start, 1))
    return sizes


t0 = time.monotonic()
asyncio.run(main())
print("elapsed", round(time.monotonic() - t0, 1))
print("summary: ok")
