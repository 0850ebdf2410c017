# executor.map() runs a function over many inputs on a pool of threads and
# gives the results back in input order, even if later inputs finish first.
import concurrent.futures
import time

WORKERS = 4  # threads in the pool


def slow_square(number):
    time.sleep(0.01)  # a little simulated I/O per item
    return number * number


with concurrent.futures.ThreadPoolExecutor(max_workers=WORKERS) as pool:
    squares = list(pool.map(slow_square, range(10)))

print(squares)
