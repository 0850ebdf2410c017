# The parts of benchmarks/suite/generators.py timed one by one (BENCHMARKS.md, seventh
# round): each line is a part's name and its time in seconds.
import time

LIMIT = 2_000_000


def numbers(limit):
    for i in range(limit):
        yield i


def squares(source):
    for n in source:
        yield n * n


def only_odd(source):
    for n in source:
        if n & 1:
            yield n


def chunks(limit, size):
    for start in range(0, limit, size):
        yield from range(start, min(start + size, limit))


def running_mean():
    total = 0
    count = 0
    mean = 0
    while True:
        value = yield mean
        total += value
        count += 1
        mean = total // count


def timed(label, part):
    began = time.perf_counter()
    part()
    print(f"{label:10} {time.perf_counter() - began:.4f}")


def send_loop():
    averager = running_mean()
    next(averager)
    total = 0
    for i in range(LIMIT // 4):
        total += averager.send(i % 1000)


timed("pipeline", lambda: sum(only_odd(squares(numbers(LIMIT)))))
timed("chunks", lambda: sum(x % 10 for x in chunks(LIMIT, 1000)))
timed("maxgenexp", lambda: max(x * 7 % 1009 for x in range(LIMIT // 2)))
timed("any", lambda: any(x > LIMIT for x in numbers(LIMIT // 2)))
timed("send", send_loop)
