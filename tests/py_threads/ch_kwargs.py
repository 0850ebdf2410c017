# Chapter listing "passing keyword arguments": kwargs reach the target.
import threading

lines = []

def open_socket(server, port=21, secure=False):
    lines.append("dialing %s on %d (secure=%s)" % (server, port, secure))

a = threading.Thread(target=open_socket, kwargs={"server": "files.test", "port": 990, "secure": True})
a.start()
a.join()
b = threading.Thread(target=open_socket, args=("mirror.test",))
b.start()
b.join()
c = threading.Thread(target=open_socket, args=("mix.test",), kwargs={"secure": True})
c.start()
c.join()
for line in lines:
    print(line)
try:
    bad = threading.Thread(target=open_socket, kwargs={"host": "x"})
    bad.run()   # run() in the calling thread shows the TypeError directly
except TypeError as e:
    print("TypeError:", e)
print("summary: ch_kwargs ok")
