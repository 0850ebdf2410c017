# The same three one-second "downloads" twice: first on three threads, then as three
# coroutines that share the main thread. Both batches take about one second.
import asyncio
import threading
import time

PAGES = ["page1", "page2", "page3"]


# --- Part 1: one thread per download --------------------------------------------
def fetch_blocking(page):
    time.sleep(1)  # blocks this thread only; the GIL goes to the others


began = time.perf_counter()
workers = [threading.Thread(target=fetch_blocking, args=(p,)) for p in PAGES]
for worker in workers:
    worker.start()
print(f"threads running: {threading.active_count()}")
for page, worker in zip(PAGES, workers):
    worker.join()
    print(f"thread got {page}")
print(f"threads: {time.perf_counter() - began:.1f}s")


# --- Part 2: one event loop, three coroutines ---------------------------------------
async def fetch(page):
    await asyncio.sleep(1)  # hands control back to the event loop until the timer fires
    return page


async def fetch_all():
    print(f"threads running: {threading.active_count()}")
    # gather starts all three, then waits until every one has returned.
    return await asyncio.gather(*(fetch(p) for p in PAGES))


began = time.perf_counter()
for page in asyncio.run(fetch_all()):
    print(f"coroutine got {page}")
print(f"asyncio: {time.perf_counter() - began:.1f}s")
