# The same three one-second "downloads" twice: first on three threads, then as three
# coroutines that share the main thread. In both halves the waits overlap, so each
# batch takes about one second.
import asyncio
import threading
import time

PAGES = ["page1", "page2", "page3"]
waits = []  # (began, ended) of each download's wait, on the monotonic clock


def most_at_once(spans):
    """How many spans cover one moment at most (a span began at that moment)."""
    return max(sum(1 for b, e in spans if b <= start < e) for start, _ in spans)


def verdict(half):
    """What the noted waits show (not the timing, which a busy machine stretches)."""
    at_once = most_at_once(waits)
    if len(waits) == 1:
        return f"{half}: one wait, nothing to overlap"
    if at_once == len(waits):
        return f"{half}: the waits overlapped, all at the same moment"
    if at_once == 1:
        return f"{half}: the waits did not overlap, one after another"
    return f"{half}: the waits partly overlapped, some at the same moment"


# --- Part 1: one thread per download --------------------------------------------
def fetch_blocking(page):
    began = time.monotonic()
    time.sleep(1)  # blocks this thread only; the GIL goes to the others
    waits.append((began, time.monotonic()))


began = time.perf_counter()
workers = [threading.Thread(target=fetch_blocking, args=(p,)) for p in PAGES]
for worker in workers:
    worker.start()
print(f"threads running: {threading.active_count()}")
for page, worker in zip(PAGES, workers):
    worker.join()
    print(f"thread got {page}")
print(f"threads: {time.perf_counter() - began:.1f}s")
print(verdict("threads"))


# --- Part 2: one event loop, three coroutines ---------------------------------------
async def fetch(page):
    began = time.monotonic()
    await asyncio.sleep(1)  # hands control back to the event loop until the timer fires
    waits.append((began, time.monotonic()))
    return page


async def fetch_all():
    print(f"threads running: {threading.active_count()}")
    # gather starts all three, then waits until every one has returned.
    return await asyncio.gather(*(fetch(p) for p in PAGES))


waits.clear()
began = time.perf_counter()
for page in asyncio.run(fetch_all()):
    print(f"coroutine got {page}")
print(f"asyncio: {time.perf_counter() - began:.1f}s")
print(verdict("asyncio"))
