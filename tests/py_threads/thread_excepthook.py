# A custom threading.excepthook replaces the default stderr report.
import threading

reports = []

def hook(args):
    reports.append((args.thread.name, args.exc_type.__name__, str(args.exc_value)))

original = threading.excepthook
print("has __excepthook__ (3.10+):", hasattr(threading, "__excepthook__"))
threading.excepthook = hook

def divide(a, b):
    return a / b

def fail_key():
    {}["missing"]

threads = [
    threading.Thread(target=divide, args=(1, 0), name="div"),
    threading.Thread(target=fail_key, name="key"),
    threading.Thread(target=divide, args=(6, 3), name="fine"),
]
for t in threads:
    t.start()
    t.join()
for r in sorted(reports):
    print(r)

threading.excepthook = original
print("hook restored:", threading.excepthook is original)
print("summary: excepthook ok")
