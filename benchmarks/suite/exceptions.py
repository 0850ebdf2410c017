# Exceptions: raising and catching in a loop, with a finally block.
import time


def parse(text):
    try:
        return int(text)
    except ValueError:
        return -1
    finally:
        pass


began = time.perf_counter()
good = bad = 0
for i in range(100_000):
    if parse("x" if i % 3 == 0 else str(i)) < 0:
        bad += 1
    else:
        good += 1
print(f"{time.perf_counter() - began:.4f}")
