# Threads or processes: the same CPU-bound job on two threads, then on two processes.
import multiprocessing
import threading
import time

ROUNDS = 5_000_000  # about 0.2 s of pure Python arithmetic per call on CPython 3.12


def add_up(limit):
    total = 0  # pure arithmetic: whoever runs this holds a GIL all the way through
    for number in range(limit):
        total += number
    return total


def add_up_and_clock(limit, cpu_times):
    began = time.thread_time()  # CPU time really run: waiting for a GIL does not count
    add_up(limit)
    cpu_times.put(time.thread_time() - began)


def run_pair(worker_class, cpu_times):
    pair = [worker_class(target=add_up_and_clock, args=(ROUNDS, cpu_times)) for _ in range(2)]
    began = time.perf_counter()
    for worker in pair:
        worker.start()
    for worker in pair:
        worker.join()
    took = time.perf_counter() - began
    at_once = (cpu_times.get() + cpu_times.get()) / took  # 1: took turns, 2: side by side
    return took, at_once


# A process re-runs this file to find add_up_and_clock (CPython's "spawn" start), so
# the experiment itself only runs in the main process.
if __name__ == "__main__":
    cpu_times = multiprocessing.Queue()  # threads and processes can both put into it
    threaded, threads_at_once = run_pair(threading.Thread, cpu_times)
    in_processes, processes_at_once = run_pair(multiprocessing.Process, cpu_times)

    print("Two threads")
    print(f"  {threaded:.2f} s, {threads_at_once:.1f} running at once on average")
    print("Two processes")
    print(f"  {in_processes:.2f} s, {processes_at_once:.1f} running at once on average,")
    print(f"  {threaded / in_processes:.1f} times as fast as the two threads")
    if threads_at_once <= 1.2:
        print("Threads took turns: they share one GIL")
    elif threads_at_once >= 1.5:
        print("Threads ran side by side: no GIL held them back")
    else:
        print("Threads ran side by side only part of the time")
    if processes_at_once >= 1.5:
        print("Processes ran side by side: each has a GIL of its own")
    elif processes_at_once <= 1.2:
        print("Processes took turns: only one core was free")
    else:
        print("Processes ran side by side only part of the time: a core was busy elsewhere")
