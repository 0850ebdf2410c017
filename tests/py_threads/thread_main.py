# main_thread() and current_thread() seen from main and from workers.
import threading

seen = {}

def probe(key):
    cur = threading.current_thread()
    seen[key] = (
        cur.name,
        cur is threading.main_thread(),
        threading.main_thread().name,
        threading.main_thread().is_alive(),
    )

main = threading.main_thread()
print("main name:", main.name)
print("current is main:", threading.current_thread() is main)
print("main is a Thread:", isinstance(main, threading.Thread))
print("main daemon:", main.daemon)

workers = [threading.Thread(target=probe, args=(k,), name="probe-%d" % k) for k in range(2)]
for w in workers:
    w.start()
for w in workers:
    w.join()
for k in sorted(seen):
    print(k, seen[k])
print("summary: main ok")
