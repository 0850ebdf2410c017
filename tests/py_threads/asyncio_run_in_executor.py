import asyncio
import concurrent.futures
import threading


def work(label):
    return label.upper(), threading.current_thread().name.startswith("worker")


async def main():
    loop = asyncio.get_running_loop()
    with concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="worker") as pool:
        futures = [loop.run_in_executor(pool, work, s) for s in ("a", "b", "c")]
        print(await asyncio.gather(*futures))
    print(await loop.run_in_executor(None, sum, [1, 2, 3]))
    print("summary: done")


asyncio.run(main())
