import threading
from collections import deque

# Four threads append to one deque at once, then two threads drain it with popleft
# while two more keep appending: deque.append and deque.popleft are atomic, so no
# item is lost or taken twice.
N = 5000
shared = deque()
start = threading.Barrier(4)


def producer(tag):
    start.wait()
    for i in range(N):
        shared.append((tag, i))


threads = [threading.Thread(target=producer, args=(t,)) for t in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print('after appends:', len(shared), len(set(shared)) == 4 * N)
print('per thread in order:', all(
    [i for tag, i in shared if tag == t] == list(range(N)) for t in range(4)))

taken = [[], []]
more = threading.Barrier(4)


def consumer(slot):
    more.wait()
    while len(taken[slot]) < 2 * N:
        try:
            taken[slot].append(shared.popleft())
        except IndexError:
            pass


def late_producer(tag):
    more.wait()
    for i in range(N):
        shared.appendleft((tag, i))


workers = [threading.Thread(target=consumer, args=(0,)),
           threading.Thread(target=consumer, args=(1,)),
           threading.Thread(target=late_producer, args=(10,)),
           threading.Thread(target=late_producer, args=(11,))]
for t in workers:
    t.start()
for t in workers:
    t.join()
everything = taken[0] + taken[1] + list(shared)
print('taken:', len(taken[0]) + len(taken[1]), 'left:', len(shared))
print('nothing lost or doubled:', len(everything) == 6 * N and len(set(everything)) == 6 * N)
print('summary: deque threads ok')
