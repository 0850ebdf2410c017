# Executor.map keeps the input order, whatever order the tasks finish in.
from concurrent.futures import ThreadPoolExecutor
import time

def slow_echo(x):
    time.sleep(0.01 * (5 - x))   # later inputs finish first
    return x * 10

def add(a, b):
    return a + b

with ThreadPoolExecutor(max_workers=5) as ex:
    print("map:", list(ex.map(slow_echo, range(5))))
    print("two iterables:", list(ex.map(add, [1, 2, 3], [10, 20, 30, 40])))
    print("empty:", list(ex.map(add, [], [])))
    print("strings:", list(ex.map(str.upper, ["a", "bc", "def"])))
    it = ex.map(abs, [-1, -2])
    print("map returns an iterator:", iter(it) is it)
    print("rest:", list(it))

def fail_on_three(x):
    if x == 3:
        raise ValueError("three is not allowed")
    return x

with ThreadPoolExecutor(max_workers=2) as ex:
    results = ex.map(fail_on_three, range(5))
    got = []
    try:
        for r in results:
            got.append(r)
    except ValueError as e:
        print("map raised at item 3:", e, "after", got)
print("summary: executor_map ok")
