# Exceptions raised in coroutines come out of await, gather and asyncio.run.
import asyncio


async def inner(kind):
    await asyncio.sleep(0.01)
    if kind == "key":
        raise KeyError("missing")
    raise ZeroDivisionError("division by zero in " + kind)


async def outer(kind):
    try:
        return await inner(kind)
    finally:
        print("outer cleanup for", kind)


async def nested_run():
    c = asyncio.sleep(0)
    try:
        asyncio.run(c)
    except RuntimeError as error:
        print("RuntimeError:", error)
    c.close()


async def main():
    for kind in ("key", "math"):
        try:
            await outer(kind)
        except (KeyError, ZeroDivisionError) as error:
            print(type(error).__name__, error)
    await nested_run()
    try:
        await asyncio.sleep(0.01, result=None) + 1
    except TypeError as error:
        print("TypeError:", error)

    async def awaits_int():
        await 3

    try:
        await awaits_int()
    except TypeError as error:
        print("TypeError:", error)
    raise LookupError("from main")


try:
    asyncio.run(main())
except LookupError as error:
    print("asyncio.run raised:", repr(error))
try:
    asyncio.run(42)
except ValueError as error:
    print("ValueError:", error)
try:
    asyncio.get_running_loop()
except RuntimeError as error:
    print("RuntimeError:", error)
print("summary: ok")
