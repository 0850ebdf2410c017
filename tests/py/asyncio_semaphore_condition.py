import asyncio


async def main():
    loop = asyncio.get_running_loop()
    sem = asyncio.Semaphore(2)
    active = []
    peak = [0]

    async def limited(i):
        async with sem:
            active.append(i)
            peak[0] = max(peak[0], len(active))
            await asyncio.sleep(0.01)
            active.remove(i)

    await asyncio.gather(*(limited(i) for i in range(5)))
    print("semaphore peak:", peak[0])
    bounded = asyncio.BoundedSemaphore(1)
    try:
        bounded.release()
    except ValueError as e:
        print("ValueError:", e)
    cond = asyncio.Condition()
    items = []

    async def consumer():
        async with cond:
            await cond.wait_for(lambda: items)
            return items.pop()

    task = asyncio.create_task(consumer())
    await asyncio.sleep(0)
    async with cond:
        items.append("item")
        cond.notify()
    print("condition:", await task)
    ev = asyncio.Event()
    loop.call_later(0.01, ev.set)
    print("event:", await ev.wait())
    print("summary: done")


asyncio.run(main())
