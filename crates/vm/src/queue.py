# threadplay's queue module, in Python on top of threading (as CPython's is).
import _collections
import threading
import time as _time


class _Deque:
    """The FIFO queue's storage (CPython's is a collections.deque): the Rust core that
    collections.deque keeps its items in, with its functions bound as methods as deque
    binds them, so `append`, `popleft` and `len` run no Python code (issue 16) and
    importing queue does not import all of collections."""

    def __init__(self):
        self._core = _collections.deque_core(None)

    append = _collections.append
    appendleft = _collections.appendleft
    pop = _collections.pop
    popleft = _collections.popleft
    clear = _collections.clear
    __len__ = _collections.__len__
    __bool__ = _collections.__bool__
    __getitem__ = _collections.__getitem__

    def __iter__(self):
        return iter(self._core.snapshot())

    def __contains__(self, item):
        return item in self._core.snapshot()

    def __repr__(self):
        return "deque(%r)" % (self._core.snapshot(),)



class Empty(Exception):
    "Raised by get(block=False) or get(timeout=...) when the queue is empty."


class Full(Exception):
    "Raised by put(block=False) or put(timeout=...) when the queue is full."


class Queue:
    """A first-in first-out queue shared by threads."""

    def __init__(self, maxsize=0):
        self.maxsize = maxsize
        self._init(maxsize)
        # With Queue's own storage and hooks, put and get call the storage's Rust
        # functions directly: each hook cost a Python call per item (issue 16). A
        # subclass that overrides a hook keeps getting it called.
        cls = type(self)
        if cls._init is Queue._init:
            if cls._qsize is Queue._qsize:
                self._qsize = self.queue.__len__
            if cls._put is Queue._put:
                self._put = self.queue.append
            if cls._get is Queue._get:
                self._get = self.queue.popleft
        self.mutex = threading.Lock()
        self.not_empty = threading.Condition(self.mutex)
        self.not_full = threading.Condition(self.mutex)
        self.all_tasks_done = threading.Condition(self.mutex)
        self.unfinished_tasks = 0

    def _init(self, maxsize):
        self.queue = _Deque()

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.popleft()

    def task_done(self):
        with self.all_tasks_done:
            unfinished = self.unfinished_tasks - 1
            if unfinished < 0:
                raise ValueError("task_done() called too many times")
            if unfinished == 0:
                self.all_tasks_done.notify_all()
            self.unfinished_tasks = unfinished

    def join(self):
        with self.all_tasks_done:
            while self.unfinished_tasks:
                self.all_tasks_done.wait()

    def qsize(self):
        with self.mutex:
            return self._qsize()

    def empty(self):
        with self.mutex:
            return not self._qsize()

    def full(self):
        with self.mutex:
            return 0 < self.maxsize <= self._qsize()

    # put and get enter the queue's mutex directly rather than the condition around it
    # (the same lock: entering a Condition costs two Python calls), and wake a waiter
    # only when there is one; the rest is CPython's code, subclass hooks included.
    def put(self, item, block=True, timeout=None):
        with self.mutex:
            if self.maxsize > 0:
                if not block:
                    if self._qsize() >= self.maxsize:
                        raise Full
                elif timeout is None:
                    while self._qsize() >= self.maxsize:
                        self.not_full.wait()
                elif timeout < 0:
                    raise ValueError("'timeout' must be a non-negative number")
                else:
                    end = _time.monotonic() + timeout
                    while self._qsize() >= self.maxsize:
                        remaining = end - _time.monotonic()
                        if remaining <= 0.0:
                            raise Full
                        self.not_full.wait(remaining)
            self._put(item)
            self.unfinished_tasks += 1
            not_empty = self.not_empty
            if not_empty._waiters:
                not_empty.notify()

    def get(self, block=True, timeout=None):
        with self.mutex:
            if not block:
                if not self._qsize():
                    raise Empty
            elif timeout is None:
                while not self._qsize():
                    self.not_empty.wait()
            elif timeout < 0:
                raise ValueError("'timeout' must be a non-negative number")
            else:
                end = _time.monotonic() + timeout
                while not self._qsize():
                    remaining = end - _time.monotonic()
                    if remaining <= 0.0:
                        raise Empty
                    self.not_empty.wait(remaining)
            item = self._get()
            not_full = self.not_full
            if not_full._waiters:
                not_full.notify()
            return item

    def put_nowait(self, item):
        return self.put(item, block=False)

    def get_nowait(self):
        return self.get(block=False)


class LifoQueue(Queue):
    """Last in, first out."""

    def _init(self, maxsize):
        self.queue = []

    def _get(self):
        return self.queue.pop()


def _sift_up(heap, index):
    item = heap[index]
    while index > 0:
        parent = (index - 1) // 2
        if item < heap[parent]:
            heap[index] = heap[parent]
            index = parent
        else:
            break
    heap[index] = item


def _sift_down(heap, index):
    size = len(heap)
    item = heap[index]
    while True:
        child = 2 * index + 1
        if child >= size:
            break
        if child + 1 < size and heap[child + 1] < heap[child]:
            child += 1
        if heap[child] < item:
            heap[index] = heap[child]
            index = child
        else:
            break
    heap[index] = item


class PriorityQueue(Queue):
    """The smallest item comes out first."""

    def _init(self, maxsize):
        self.queue = []

    def _put(self, item):
        self.queue.append(item)
        _sift_up(self.queue, len(self.queue) - 1)

    def _get(self):
        last = self.queue.pop()
        if not self.queue:
            return last
        first = self.queue[0]
        self.queue[0] = last
        _sift_down(self.queue, 0)
        return first


class SimpleQueue:
    """An unbounded FIFO queue without task tracking."""

    def __init__(self):
        self._queue = Queue()

    def put(self, item, block=True, timeout=None):
        self._queue.put(item)

    def put_nowait(self, item):
        self._queue.put(item)

    def get(self, block=True, timeout=None):
        return self._queue.get(block, timeout)

    def get_nowait(self):
        return self._queue.get(False)

    def empty(self):
        return self._queue.empty()

    def qsize(self):
        return self._queue.qsize()
