# Three "downloads" at once. Each one sleeps for a second, standing in for waiting
# on the network. A sleeping thread gives the GIL away, so the waits overlap and the
# whole batch takes about one second, not three.
import threading
import time


def fetch(page):
    time.sleep(1)
    print(f"fetched {page}")


pages = ["/news", "/weather", "/sports"]
started = time.perf_counter()
workers = [threading.Thread(target=fetch, args=(page,)) for page in pages]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
print(f"{len(pages)} pages in {time.perf_counter() - started:.2f} s")
