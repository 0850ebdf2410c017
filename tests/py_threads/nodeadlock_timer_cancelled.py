# Not a deadlock: a Timer with a huge interval is cancelled, and main joins it.
import threading

log = []
alarm = threading.Timer(3600, log.append, args=("alarm rang",))
alarm.start()
print("timer waiting:", alarm.is_alive())
alarm.cancel()
alarm.join()
print("joined cancelled timer, log:", log, "alive:", alarm.is_alive())

# A waiter blocked on a cancelled Timer's Event is released too.
t2 = threading.Timer(3600, log.append, args=("never",))
watcher_saw = []
watcher = threading.Thread(target=lambda: watcher_saw.append(t2.finished.wait()))
t2.start()
watcher.start()
t2.cancel()
watcher.join()
t2.join()
print("watcher saw finished:", watcher_saw, "log:", log)
print("summary: nodeadlock_timer_cancelled ok")
