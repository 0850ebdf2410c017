# Awaits nest: a coroutine awaiting a coroutine awaiting asyncio.sleep, values returned up.
import asyncio


async def leaf(n):
    await asyncio.sleep(0.01)
    return n * 2


async def middle(n):
    a = await leaf(n)
    b = await leaf(a)
    print("middle", n, a, b)
    return a + b


async def top():
    total = 0
    for n in range(1, 4):
        total += await middle(n)
    print("sleep result:", await asyncio.sleep(0.01, result="slept"))
    print("sleep(0) result:", await asyncio.sleep(0, "instant"))
    return total


result = asyncio.run(top())
print("total", result)
print("returns None:", asyncio.run(asyncio.sleep(0)))


async def deep(n):
    if n == 0:
        return "bottom"
    return await deep(n - 1)


print(asyncio.run(deep(50)))
print("summary: ok")
