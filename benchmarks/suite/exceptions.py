# Exceptions raised and caught in loops: a built-in ValueError from int(), custom
# exception classes matched by a base class, KeyError and IndexError, try/finally,
# raise ... from, and a context manager that suppresses.
import time

SMALL = False  # the checksum check runs a copy with True (small sizes)
ROUNDS = 2_000 if SMALL else 480_000


class AppError(Exception):
    pass


class TooBig(AppError):
    def __init__(self, value):
        super().__init__(f"too big: {value}")
        self.value = value


class Suppress:
    def __enter__(self):
        return self

    def __exit__(self, kind, value, traceback):
        return kind is not None and issubclass(kind, ArithmeticError)


def parse(text):
    try:
        return int(text)
    except ValueError:
        return -1
    finally:
        pass


def check(value):
    if value > 90:
        raise TooBig(value)
    return value


def workload():
    table = {i: i * 2 for i in range(50)}
    items = list(range(30))
    total = 0
    finals = 0
    for i in range(ROUNDS):
        total += parse("x" if i % 3 == 0 else str(i % 1000))
        try:
            total += check(i % 100)
        except AppError as error:
            total += error.value
        try:
            total += table[i % 60]
        except KeyError:
            total -= 1
        try:
            total += items[i % 40]
        except IndexError:
            total -= 2
        finally:
            finals += 1
        if i % 10 == 0:
            try:
                try:
                    raise KeyError(i)
                except KeyError as inner:
                    raise AppError("wrapped") from inner
            except AppError as outer:
                total += outer.__cause__.args[0] % 7
            with Suppress():
                total += 1 // (i % 2)
    return total + finals


began = time.perf_counter()
result = workload()
print(f"{time.perf_counter() - began:.4f}")
print(result)
