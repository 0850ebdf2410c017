import asyncio

print("never printed")


def f(lock):
    async with lock:
        pass
