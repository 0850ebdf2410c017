# RLock: the owner may acquire again; other threads are kept out until every
# acquire has been matched by a release.
import threading

rl = threading.RLock()
probe = {}

def try_from_other(key):
    def attempt():
        got = rl.acquire(blocking=False)
        probe[key] = got
        if got:
            rl.release()
    t = threading.Thread(target=attempt)
    t.start()
    t.join()
    return probe[key]

print("acquire 1:", rl.acquire())
print("acquire 2:", rl.acquire())
print("acquire 3 (non-blocking):", rl.acquire(blocking=False))
print("other thread, held 3 times:", try_from_other("three"))
rl.release()
rl.release()
print("other thread, held once:", try_from_other("one"))
rl.release()
print("other thread, released fully:", try_from_other("zero"))

depth = []
def nested(n):
    with rl:
        depth.append(n)
        if n < 4:
            nested(n + 1)

t = threading.Thread(target=nested, args=(1,))
t.start()
t.join()
print("nested depths:", depth)
print("free at end:", try_from_other("end"))
print("summary: rlock_reentrant ok")
