# Chapter listing "thread-local data": each thread keeps its own session value,
# and one that never set it gets an AttributeError.
import threading

session = threading.local()
lines = {}

def login(account):
    session.account = account
    lines[threading.current_thread().name] = "session.account = " + session.account

def peek():
    try:
        lines["peek"] = session.account
    except AttributeError as e:
        lines["peek"] = "AttributeError: " + str(e)

workers = [threading.Thread(target=login, args=("acct%d" % i,), name="login-%d" % i) for i in range(3)]
workers.append(threading.Thread(target=peek))
for w in workers:
    w.start()
for w in workers:
    w.join()
for name in sorted(lines):
    print(name + ":", lines[name])
print("summary: ch_thread_local ok")
