# A Semaphore(2) lets at most two threads into the `with` block at a time,
# like a pool of two database connections shared by four threads.
import threading
import time

CONNECTIONS = 2  # how many threads may be inside at once
CLIENTS = 4

pool = threading.Semaphore(CONNECTIONS)


def query():
    name = threading.current_thread().name  # T0, T1, ...: the name its lane shows
    with pool:  # blocks here while both connections are in use
        print(f"{name}: using connection")
        time.sleep(0.5)  # stand-in for talking to the database
        print(f"{name}: releasing connection")


clients = [threading.Thread(target=query, name=f"T{n}") for n in range(CLIENTS)]
for client in clients:
    client.start()
    # Clients arrive 0.2 s apart, so whenever a connection is freed exactly one
    # client is waiting for it and the printed order is the same on every run.
    time.sleep(0.2)
for client in clients:
    client.join()
