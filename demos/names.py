# Every thread has a name; current_thread() tells code which thread runs it.
import threading


def report():
    me = threading.current_thread()  # the Thread object running this line
    print(f"Running in thread: {me.name}")


# Without name=..., Python would pick one such as "Thread-1 (report)".
worker = threading.Thread(target=report, name="WorkerThread-1")
worker.start()
worker.join()

# The worker has ended, so only the main thread is still alive.
print(f"Active threads: {threading.active_count()}")
