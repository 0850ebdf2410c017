# What pickling refuses: local functions, lambdas, thread locks, generators.
import multiprocessing as mp
import threading


def work(*args):
    return len(args)


class Holder:
    def __init__(self, thing):
        self.thing = thing


def show(what, error):
    print(what, type(error).__name__, error)


def main():
    def local(x):
        return x

    class Local:
        pass

    cases = [
        ("local function", local, ()),
        ("local lambda", lambda: None, ()),
        ("thread lock", work, (threading.Lock(),)),
        ("thread rlock", work, (threading.RLock(),)),
        ("generator", work, ((x for x in range(3)),)),
        ("lock in instance", work, (Holder(threading.Lock()),)),
        ("local class", work, (Local(),)),
        ("lock in list", work, ([1, threading.Lock()],)),
    ]
    for what, target, args in cases:
        p = mp.Process(target=target, args=args)
        try:
            p.start()
        except Exception as e:
            show(what, e)
        else:
            p.join()
            print(what, "started", p.exitcode)
    q = mp.Queue()
    with mp.Pool(1) as pool:
        try:
            pool.map(local, [1])
        except AttributeError as e:
            show("pool.map", e)
        print(pool.map(work, [1, 2]))
    # Kept referenced until the child ran: a collected semaphore cannot be rebuilt.
    shared = (mp.Lock(), mp.Event(), mp.Value("i", 1), q)
    ok = mp.Process(target=work, args=shared)
    ok.start()
    ok.join()
    print("shared objects travel", ok.exitcode)
    try:
        mp.Process(target=module_lambda).start()
    except Exception as e:
        print(type(e).__module__, type(e).__name__, str(e).split(": ")[-1])


module_lambda = lambda: None


if __name__ == "__main__":
    # Pickling happens when a process starts only with spawn (macOS and Windows's
    # default, and threadplay's model); fork copies the parent instead.
    mp.set_start_method("spawn")
    main()
    print("summary: mp_pickle_errors ok")
