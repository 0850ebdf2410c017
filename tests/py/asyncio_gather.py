# gather() returns results in argument order, whatever order the work finishes in.
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    print("finished", name)
    return name + "!"


async def failing(delay):
    await asyncio.sleep(delay)
    raise ValueError("failed after %s" % delay)


async def main():
    results = await asyncio.gather(job("slow", 0.3), job("fast", 0.1), job("mid", 0.2))
    print(results)
    print(await asyncio.gather())
    mixed = await asyncio.gather(job("ok", 0.1), failing(0.2), return_exceptions=True)
    print([type(r).__name__ for r in mixed], mixed[0], mixed[1])
    try:
        await asyncio.gather(failing(0.1), job("survivor", 0.2))
    except ValueError as error:
        print("gather raised:", error)
    await asyncio.sleep(0.2)
    task = asyncio.create_task(job("task", 0.1))
    both = await asyncio.gather(task, job("coro", 0.05))
    print(both)
    return len(results)


print("count", asyncio.run(main()))
print("summary: ok")
