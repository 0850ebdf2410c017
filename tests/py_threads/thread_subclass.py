# Subclassing Thread and overriding run(); results stored as attributes.
import threading

class Squarer(threading.Thread):
    def __init__(self, numbers):
        super().__init__()
        self.numbers = numbers
        self.total = None

    def run(self):
        self.total = sum(n * n for n in self.numbers)

class Greeter(threading.Thread):
    def __init__(self, who):
        super().__init__(name="greeter-" + who)
        self.who = who
        self.message = ""

    def run(self):
        me = threading.current_thread()
        self.message = "hello " + self.who + " from " + me.name
        self.same_object = me is self

workers = [Squarer(range(k)) for k in (3, 5, 10)]
greet = Greeter("ada")
for w in workers:
    w.start()
greet.start()
for w in workers:
    w.join()
greet.join()

print("totals:", [w.total for w in workers])
print(greet.message)
print("current_thread() is the subclass instance:", greet.same_object)
print("isinstance Thread:", isinstance(greet, threading.Thread))

# A subclass that calls the base run() still runs target.
class Wrapped(threading.Thread):
    def run(self):
        self.log = ["before"]
        super().run()
        self.log.append("after")

box = []
w = Wrapped(target=box.append, args=("target ran",))
w.start()
w.join()
print("wrapped log:", w.log, box)
print("summary: subclass ok")
