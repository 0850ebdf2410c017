# A daemon prints a fixed number of lines, each one requested and acknowledged
# through Events; then it blocks forever and main exits.
import threading

request = threading.Event()
ack = threading.Event()
never = threading.Event()

def reporter():
    for i in range(3):
        request.wait()
        request.clear()
        print("daemon line", i)
        ack.set()
    never.wait()          # blocked forever; killed when main exits
    print("unreachable")

d = threading.Thread(target=reporter, daemon=True)
d.start()
for i in range(3):
    print("main asks", i)
    request.set()
    ack.wait()
    ack.clear()
print("daemon still alive:", d.is_alive())
print("summary: daemon_fixed_lines ok")
