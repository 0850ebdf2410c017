# concurrent.futures.ProcessPoolExecutor: submit, map, exceptions, shutdown.
from concurrent.futures import ProcessPoolExecutor, as_completed, wait
import concurrent.futures


def cube(x):
    return x ** 3


def divide(a, b):
    return a / b


class Oops(Exception):
    pass


def raise_oops(msg):
    raise Oops(msg)


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        f = ex.submit(cube, 3)
        print(f.result(timeout=30))
        print(list(ex.map(cube, range(6))))
        print(list(ex.map(divide, [10, 9], [2, 3])))
        futures = [ex.submit(cube, n) for n in range(4)]
        print(sorted(f.result() for f in as_completed(futures)))
        done, pending = wait(futures)
        print(len(done), len(pending))
        bad = ex.submit(divide, 1, 0)
        try:
            bad.result()
        except ZeroDivisionError as e:
            print("ZeroDivisionError:", e)
        print(type(bad.exception()).__name__)
        try:
            ex.submit(raise_oops, "custom").result()
        except Oops as e:
            print("Oops:", e)
        try:
            ex.submit(lambda: 1).result()
        except Exception as e:
            print(type(e).__module__, type(e).__name__, str(e).split(": ")[-1])
        try:
            list(ex.map(divide, [1, 2], [1, 0]))
        except ZeroDivisionError as e:
            print("map raised:", e)
    try:
        ex.submit(cube, 1)
    except RuntimeError as e:
        print("RuntimeError:", e)
    ex2 = ProcessPoolExecutor(2)
    print(ex2.submit(cube, 2).result())
    ex2.shutdown(wait=True)
    try:
        ProcessPoolExecutor(max_workers=0)
    except ValueError as e:
        print("ValueError:", e)
    print(concurrent.futures.ProcessPoolExecutor is ProcessPoolExecutor)
    print("summary: mp_process_pool_executor ok")
