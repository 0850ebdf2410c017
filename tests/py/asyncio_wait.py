import asyncio


async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ValueError(name)
    return name


async def main():
    tasks = [asyncio.create_task(job(n, d)) for n, d in (("a", 0.15), ("b", 0.01), ("c", 0.1))]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("first:", sorted(t.result() for t in done), len(pending))
    done, pending = await asyncio.wait(tasks)
    print("all:", sorted(t.result() for t in done), len(pending))
    tasks = [asyncio.create_task(job("x", 0.01, fail=True)), asyncio.create_task(job("y", 0.5))]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print("first exception:", [repr(t.exception()) for t in done], len(pending))
    done, pending = await asyncio.wait(pending, timeout=0.001)
    print("timeout:", len(done), len(pending))
    for t in pending:
        t.cancel()
    order = []
    for fut in asyncio.as_completed([job("slow", 0.12), job("fast", 0.01), job("mid", 0.06)]):
        order.append(await fut)
    print("as_completed:", order)
    try:
        async with asyncio.timeout(0.01):
            await asyncio.sleep(1)
    except TimeoutError:
        print("timed out")
    async with asyncio.timeout(1) as cm:
        await asyncio.sleep(0.001)
    print("expired:", cm.expired())
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout_at(loop.time() + 0.01):
            await asyncio.sleep(1)
    except TimeoutError:
        print("timeout_at fired")
    print("summary: done")


asyncio.run(main())
