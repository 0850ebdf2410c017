# Three pretend downloads. Start them all before waiting on any, so their waits
# overlap: the batch takes about as long as one download, not as long as all three.
import threading
import time

DOWNLOADS = 3
SECONDS = 1.0  # how long each pretend download takes

waits = []  # (began, ended) of each download's wait, on the monotonic clock


def download(address):
    began = time.monotonic()
    time.sleep(SECONDS)  # a sleeping thread hands the GIL to the others
    waits.append((began, time.monotonic()))


def most_at_once(spans):
    """How many spans cover one moment at most (a span began at that moment)."""
    return max(sum(1 for b, e in spans if b <= start < e) for start, _ in spans)


addresses = [f"https://example.com/data{n}" for n in range(1, DOWNLOADS + 1)]
began = time.perf_counter()

jobs = [threading.Thread(target=download, args=(a,)) for a in addresses]
for job in jobs:  # launch every thread first...
    job.start()
for address, job in zip(addresses, jobs):  # ...and only then wait for them
    job.join()
    # The downloads end at about the same time; reporting here, in start order,
    # keeps the lines in a fixed order.
    print(f"Downloaded: {address}")

took = time.perf_counter() - began
print(f"All downloads finished in {took:.1f}s")

# The verdict comes from when each wait began and ended, not from the total time.
at_once = most_at_once(waits)
print(f"  waits: {len(waits)} of {SECONDS} s each,",
      f"at most {at_once} at the same moment")
if len(waits) == 1:
    print("One download: there was nothing to overlap")
elif at_once == len(waits):
    print("The waits overlapped: every download was waiting at the same moment")
elif at_once == 1:
    print("The waits did not overlap: the downloads waited one after another")
else:
    print("The waits partly overlapped: some downloads waited at the same moment")
