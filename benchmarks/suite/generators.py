# Generators: a pipeline of generator functions, yield from, generator expressions
# consumed by sum/max/any, and a generator driven by send().
import time

SMALL = False  # the checksum check runs a copy with True (small sizes)
LIMIT = 5_000 if SMALL else 2_000_000


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


def workload():
    total = sum(only_odd(squares(numbers(LIMIT))))
    total += sum(x % 10 for x in chunks(LIMIT, 1000))
    total += max(x * 7 % 1009 for x in range(LIMIT // 2))
    total += any(x > LIMIT for x in numbers(LIMIT // 2))
    averager = running_mean()
    next(averager)
    for i in range(LIMIT // 4):
        total += averager.send(i % 1000)
    return total


began = time.perf_counter()
result = workload()
print(f"{time.perf_counter() - began:.4f}")
print(result)
