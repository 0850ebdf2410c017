# The mutable default argument gotcha, and the None idiom.
def append_to(item, target=[]):
    target.append(item)
    return target
print(append_to(1))
print(append_to(2))
print(append_to(3, []))
print(append_to(4))
def append_safe(item, target=None):
    if target is None:
        target = []
    target.append(item)
    return target
print(append_safe(1), append_safe(2))
def counter(d={}):
    d["n"] = d.get("n", 0) + 1
    return d["n"]
print(counter(), counter(), counter())
print(append_to.__defaults__)
stamp = 5
def uses_default(x=stamp):
    return x
stamp = 6
print(uses_default())
print("summary:", len(append_to(0)))
