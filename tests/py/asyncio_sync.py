# asyncio.Lock, Event and Queue between tasks of one loop.
import asyncio


async def main():
    lock = asyncio.Lock()
    log = []

    async def critical(name):
        await lock.acquire()
        try:
            log.append(name + " in")
            await asyncio.sleep(0.05)
            log.append(name + " out")
        finally:
            lock.release()

    await asyncio.gather(critical("a"), critical("b"), critical("c"))
    print(log, lock.locked())

    event = asyncio.Event()

    async def waiter(n):
        await event.wait()
        print("waiter", n, "woke")

    tasks = [asyncio.create_task(waiter(n)) for n in range(3)]
    await asyncio.sleep(0.05)
    print("setting", event.is_set())
    event.set()
    await asyncio.gather(*tasks)

    queue = asyncio.Queue(maxsize=2)

    async def producer():
        for i in range(5):
            await queue.put(i)
            print("put", i)
        await queue.put(None)

    async def consumer():
        total = 0
        while True:
            item = await queue.get()
            if item is None:
                return total
            print("got", item)
            total += item
            await asyncio.sleep(0.01)

    _, total = await asyncio.gather(producer(), consumer())
    print("total", total, queue.empty())
    try:
        queue.get_nowait()
    except asyncio.QueueEmpty:
        print("empty queue")


asyncio.run(main())
print("summary: ok")
