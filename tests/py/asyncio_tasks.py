# Tasks interleave only at awaits: two workers with different sleeps alternate.
import asyncio


async def worker(name, pause, rounds):
    for i in range(rounds):
        print(name, "round", i)
        await asyncio.sleep(pause)
    return name + " done"


async def spinner():
    count = 0
    while True:
        count += 1
        await asyncio.sleep(0.1)


async def main():
    a = asyncio.create_task(worker("A", 0.1, 3), name="worker-A")
    b = asyncio.create_task(worker("B", 0.25, 2))
    print(a.get_name(), b.get_name().startswith("Task-"), a.done())
    print(await a)
    print(await b)
    print(a.done(), a.result(), b.result())

    s = asyncio.create_task(spinner())
    await asyncio.sleep(0.35)
    print("cancel:", s.cancel())
    try:
        await s
    except asyncio.CancelledError:
        print("spinner cancelled:", s.cancelled(), s.done())

    order = []

    async def step(tag):
        order.append(tag + "1")
        await asyncio.sleep(0)
        order.append(tag + "2")

    await asyncio.gather(step("x"), step("y"), step("z"))
    print(order)
    print("current:", asyncio.current_task().get_name())
    try:
        await asyncio.wait_for(asyncio.sleep(10), timeout=0.1)
    except TimeoutError:
        print("wait_for timed out")
    print(await asyncio.wait_for(worker("W", 0.01, 1), timeout=1))


asyncio.run(main())
print("summary: ok")
