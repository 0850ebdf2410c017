# multiprocessing.Pool: map, starmap, apply, apply_async, imap, close/join, errors.
import multiprocessing as mp


def square(x):
    return x * x


def add(a, b):
    return a + b


def fail(x):
    if x == 3:
        raise ValueError(f"no {x}")
    return x


def whoami(_):
    return mp.current_process().name.startswith(("SpawnPoolWorker", "ForkPoolWorker"))


if __name__ == "__main__":
    with mp.Pool(2) as pool:
        print(pool.map(square, range(10)))
        print(pool.starmap(add, [(1, 2), (3, 4), ("a", "b")]))
        print(pool.apply(add, (5, 6)))
        print(pool.apply(add, (), {"a": [1], "b": [2]}))
        r = pool.apply_async(square, (12,))
        print(r.get(timeout=30), r.ready(), r.successful())
        print(list(pool.imap(square, [3, 1, 2])))
        print(sorted(pool.imap_unordered(square, [3, 1, 2])))
        print(all(pool.map(whoami, range(4))))
        try:
            pool.map(fail, range(5))
        except ValueError as e:
            print("map raised", type(e).__name__, e)
        bad = pool.apply_async(fail, (3,))
        bad.wait()
        print(bad.ready(), bad.successful())
        try:
            bad.get()
        except ValueError as e:
            print("get raised", e)
        seen = []
        done = pool.apply_async(square, (9,), callback=seen.append)
        done.wait()
        errors = []
        failed = pool.map_async(fail, [3], error_callback=errors.append)
        failed.wait()
        print(seen, [type(e).__name__ for e in errors])
        print(pool.map(square, []))
    pool = mp.Pool(processes=2)
    print(pool.map(add, [1, 2], chunksize=1) if False else pool.starmap(add, zip(range(3), range(3))))
    try:
        pool.join()
    except ValueError as e:
        print("ValueError:", e)
    pool.close()
    pool.join()
    try:
        pool.map(square, [1])
    except ValueError as e:
        print("ValueError:", e)
    try:
        mp.Pool(0)
    except ValueError as e:
        print("ValueError:", e)
    print("summary: mp_pool ok")
