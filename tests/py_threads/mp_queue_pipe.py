# multiprocessing.Queue and Pipe between processes: values copied as pickling copies.
import multiprocessing as mp
import queue


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


def echo(inbox, outbox):
    while True:
        item = inbox.get()
        if item == "stop":
            break
        outbox.put((type(item).__name__, item))


def pinger(conn, rounds):
    for i in range(rounds):
        msg = conn.recv()
        conn.send(msg + 1)
    conn.send("done")
    conn.close()


def producer(conn):
    for i in range(3):
        conn.send([i] * i)
    conn.close()


if __name__ == "__main__":
    inbox, outbox = mp.Queue(), mp.Queue()
    p = mp.Process(target=echo, args=(inbox, outbox))
    p.start()
    data = [1, 2.5, "text", (1, (2, 3)), [4, [5]], {"k": [1, 2]}, {3, 1, 2},
            frozenset({7}), None, True, 10**30, Point(1, 2), range(3), len,
            ValueError("bad", 2)]
    for item in data:
        inbox.put(item)
    inbox.put("stop")
    for _ in data:
        kind, value = outbox.get(timeout=30)
        if kind == "ValueError":
            value = (type(value).__name__, value.args)
        print(kind, value)
    p.join()
    shared = [1, 2]
    inbox.put(shared)
    got = inbox.get()
    got.append(3)
    print(got, shared)
    print(inbox.empty(), inbox.qsize())
    try:
        inbox.get(timeout=0.05)
    except queue.Empty:
        print("Empty after timeout")
    try:
        inbox.get_nowait()
    except queue.Empty:
        print("Empty now")

    parent, child = mp.Pipe()
    p = mp.Process(target=pinger, args=(child, 3))
    p.start()
    value = 0
    for _ in range(3):
        parent.send(value)
        value = parent.recv()
    print("ping result", value, parent.recv())
    p.join()

    reader, writer = mp.Pipe(duplex=False)
    p = mp.Process(target=producer, args=(writer,))
    p.start()
    writer.close()
    got = []
    while True:
        try:
            got.append(reader.recv())
        except EOFError:
            break
    p.join()
    print(got, reader.poll())
    print("summary: mp_queue_pipe ok")
