# with statements and __enter__/__exit__, suppressing and not suppressing.
class Tracker:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print(f"enter {self.name}")
        return self
    def __exit__(self, exc_type, exc, tb):
        kind = exc_type.__name__ if exc_type else None
        print(f"exit {self.name} exc={kind} msg={exc}")
        return self.suppress
with Tracker("plain") as t:
    print("inside", t.name)
with Tracker("quiet", suppress=True):
    raise ValueError("swallowed")
print("after suppressed")
try:
    with Tracker("loud"):
        raise KeyError("k")
except KeyError as e:
    print("caught outside:", repr(e))
with Tracker("outer") as a, Tracker("inner") as b:
    print("both", a.name, b.name)
def early():
    with Tracker("in func"):
        return "returned"
print(early())
for i in range(3):
    with Tracker(f"loop{i}"):
        if i == 1:
            continue
        if i == 2:
            break
        print("body", i)
class Resource:
    def __enter__(self):
        return "the value"
    def __exit__(self, *exc):
        return False
with Resource() as value:
    print(value)
print("summary: done")
