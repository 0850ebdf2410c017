# multiprocessing.Process: start, join, exitcode, names, current/parent process.
import multiprocessing as mp
import sys

SETUP = []
SETUP.append("module ran")


def greet(name, queue):
    me = mp.current_process()
    queue.put((name, me.name, mp.parent_process().name))


def fail():
    sys.exit(3)


def quiet_exit():
    sys.exit()


class Worker(mp.Process):
    def __init__(self, queue, n):
        super().__init__()
        self.queue = queue
        self.n = n

    def run(self):
        self.queue.put(("subclass", self.n * self.n))


if __name__ == "__main__":
    print(mp.current_process().name, mp.parent_process())
    print(repr(mp.current_process()))
    q = mp.Queue()
    p = mp.Process(target=greet, args=("first", q))
    print(p.name, p.daemon, p.exitcode, p.pid, p.is_alive())
    print(repr(p).split(" parent=")[0])
    p.start()
    print(q.get())
    p.join()
    print(p.exitcode, p.is_alive(), p.pid is not None)
    print(repr(p).endswith("stopped exitcode=0>"))
    named = mp.Process(target=greet, args=("second", q), name="worker-2", daemon=True)
    named.start()
    named.join(timeout=30)
    print(q.get(), named.name, named.daemon, named.exitcode)
    codes = []
    for target in (fail, quiet_exit):
        p = mp.Process(target=target)
        p.start()
        p.join()
        codes.append(p.exitcode)
    print(codes)
    w = Worker(q, 7)
    w.start()
    w.join()
    print(q.get(), w.exitcode)
    try:
        w.start()
    except AssertionError as e:
        print("AssertionError:", e)
    try:
        mp.Process(target=fail).join()
    except AssertionError as e:
        print("AssertionError:", e)
    print(mp.cpu_count() >= 1, mp.active_children())
    print(SETUP)
    print("summary: mp_process_basic ok")
