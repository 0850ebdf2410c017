# active_count() and enumerate() at points where they are deterministic.
import threading

release = threading.Event()
ready = threading.Barrier(4)

def parked():
    ready.wait()
    release.wait()

print("at start:", threading.active_count())
print("enumerate:", [t.name for t in threading.enumerate()])

threads = [threading.Thread(target=parked, name="park-%d" % i) for i in range(3)]
print("created, not started:", threading.active_count())
for t in threads:
    t.start()
ready.wait()
print("three parked:", threading.active_count())
print("names:", sorted(t.name for t in threading.enumerate()))
print("all in enumerate:", all(t in threading.enumerate() for t in threads))
release.set()
for t in threads:
    t.join()
print("after join:", threading.active_count())
print("enumerate:", [t.name for t in threading.enumerate()])
print("summary: active_count ok")
