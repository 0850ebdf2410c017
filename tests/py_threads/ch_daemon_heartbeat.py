# Chapter listing "daemon threads": a background pulse that the interpreter
# kills at exit. Each pulse is requested by main, so exactly two are printed.
import threading

pulse_wanted = threading.Semaphore(0)
pulse_printed = threading.Semaphore(0)

def pulse():
    n = 0
    while True:
        pulse_wanted.acquire()
        n += 1
        print("pulse", n, "- background still alive")
        pulse_printed.release()

bg = threading.Thread(target=pulse, daemon=True)
bg.start()
for _ in range(2):
    pulse_wanted.release()
    pulse_printed.acquire()
print("main done; the daemon is dropped at exit, daemon =", bg.daemon)
print("summary: ch_daemon_heartbeat ok")
