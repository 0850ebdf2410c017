# Three pretend downloads of one second each. Start them all before waiting on any,
# so their waits overlap: the batch takes about one second, not three.
import threading
import time

DOWNLOADS = 3
SECONDS = 1.0  # how long each pretend download takes


def download(address):
    time.sleep(SECONDS)  # a sleeping thread hands the GIL to the others


addresses = [f"https://example.com/data{n}" for n in range(1, DOWNLOADS + 1)]
began = time.perf_counter()

jobs = [threading.Thread(target=download, args=(a,)) for a in addresses]
for job in jobs:  # launch every thread first...
    job.start()
for address, job in zip(addresses, jobs):  # ...and only then wait for them
    job.join()
    # All three wake at the same instant; reporting here, in start order,
    # keeps the lines in a fixed order.
    print(f"Downloaded: {address}")

took = time.perf_counter() - began
print(f"All downloads finished in {took:.1f}s")
