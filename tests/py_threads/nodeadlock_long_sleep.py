# Not a deadlock: a thread sleeps for a long time (1 s) while main joins it.
# Every thread is either sleeping or waiting for a sleeper, so time moves on.
import threading
import time

done = []

def long_nap():
    time.sleep(1.0)
    done.append("napper")

def waits_for_napper(other):
    other.join()
    done.append("follower")

napper = threading.Thread(target=long_nap, name="napper")
follower = threading.Thread(target=waits_for_napper, args=(napper,), name="follower")
napper.start()
follower.start()
t0 = time.monotonic()
follower.join()
print("order:", done)
print("slept about a second:", time.monotonic() - t0 >= 0.9)
print("summary: nodeadlock_long_sleep ok")
