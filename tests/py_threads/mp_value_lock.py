# Value, Array, Lock, Event shared between processes; with the lock, counts are exact.
import multiprocessing as mp


def add_many(counter, n):
    for _ in range(n):
        with counter.get_lock():
            counter.value += 1


def add_with_lock(total, lock, n):
    for _ in range(n):
        lock.acquire()
        total.value += 1
        lock.release()


def fill(arr, start):
    for i in range(len(arr)):
        arr[i] = start + i


def waiter(ready, go, out):
    ready.set()
    go.wait()
    out.value = 42.5


if __name__ == "__main__":
    counter = mp.Value("i", 0)
    print(counter.value, type(counter.get_lock()).__name__)
    workers = [mp.Process(target=add_many, args=(counter, 500)) for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print("locked counter", counter.value)

    total = mp.Value("i", 0, lock=False)
    lock = mp.Lock()
    workers = [mp.Process(target=add_with_lock, args=(total, lock, 300)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print("explicit lock", total.value)

    arr = mp.Array("i", 5)
    p = mp.Process(target=fill, args=(arr, 10))
    p.start()
    p.join()
    print(arr[:], len(arr), arr[1], arr[-1], list(arr))
    darr = mp.Array("d", [0.5, 1.5])
    darr[0] = 2
    print(darr[:])

    ready, go = mp.Event(), mp.Event()
    out = mp.Value("d", 0.0)
    p = mp.Process(target=waiter, args=(ready, go, out))
    p.start()
    print("ready", ready.wait(30))
    print("before go", out.value, go.is_set())
    go.set()
    p.join()
    print("after go", out.value)
    go.clear()
    print(go.is_set(), go.wait(0.01))

    lk = mp.Lock()
    print(lk.acquire(), lk.acquire(False), lk.acquire(timeout=0.01))
    lk.release()
    try:
        lk.release()
    except ValueError as e:
        print("ValueError:", e)
    rl = mp.RLock()
    with rl:
        with rl:
            print("rlock twice")
    with counter:
        counter.value = 7
    print(counter.value)
    print("summary: mp_value_lock ok")
