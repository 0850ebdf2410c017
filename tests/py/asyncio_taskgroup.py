import asyncio


async def work(name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print("cancelled", name)
        raise
    if fail:
        raise ValueError("bad " + name)
    print("finished", name)
    return name


async def main():
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(work("one", 0.02))
        t2 = tg.create_task(work("two", 0.01))
    print("results:", t1.result(), t2.result())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work("ok", 0.01))
            tg.create_task(work("boom", 0.02, fail=True))
            tg.create_task(work("slow", 1))
    except Exception as group:
        print(type(group).__name__ in ("ExceptionGroup", "_TaskGroupError"), str(group))
        print([repr(e) for e in group.exceptions])
    print("summary: done")


asyncio.run(main())
