# None and identity.
x = None
print(x, repr(x), str(x), type(x).__name__)
print(x is None, x is not None, x == None)
def f():
    pass
r = f()
print(r is None)
items = [1, None, 2, None]
print([i for i in items if i is not None])
print(items.count(None))
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c)
print(id(a) == id(b), id(a) == id(c))
print(None if [] else "empty")
print(bool(None), None or "default")
d = {"k": None}
print(d.get("k"), d.get("missing"), "k" in d)
print("summary:", sum(1 for i in items if i is None))
