# Chapter listing "thread names and introspection".
import threading

report = []

def inspect_me():
    me = threading.current_thread()
    report.append("running inside: " + me.name)
    report.append("live threads seen from inside: %d" % threading.active_count())

w = threading.Thread(target=inspect_me, name="Inspector-7")
w.start()
w.join()
for line in report:
    print(line)
print("live threads after join:", threading.active_count())
print("summary: ch_introspection ok")
