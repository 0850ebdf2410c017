import asyncio


def squares(source):
    return [x * x async for x in source]


print("never printed")
