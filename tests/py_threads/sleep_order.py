# Sleeps of clearly different lengths (0.3 s apart) order the wake-ups.
import threading
import time

woke = []
lock = threading.Lock()

def sleeper(name, seconds):
    time.sleep(seconds)
    with lock:
        woke.append(name)

plan = [("slow", 0.65), ("fast", 0.05), ("medium", 0.35)]
threads = [threading.Thread(target=sleeper, args=p) for p in plan]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("wake order:", woke)
print("summary: sleep_order ok")
