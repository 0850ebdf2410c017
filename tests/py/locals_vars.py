"""Module doc for locals test."""
x = 1
def f(a, b=2, *args, **kw):
    c = a + b
    d = locals()
    print(sorted(d.items()))
    d["c"] = 100
    print(c)
    def inner():
        return c
    print(sorted(locals()))
    return inner
f(1, 3, 4, k=5)
print("x" in locals(), "f" in vars(), locals()["x"])

def g():
    y = 5
    z = [y for _ in range(1)]
    return vars()
print(sorted(g().items()))

class K:
    a = 1
    print(sorted(k for k in locals() if not k.startswith("__")), locals()["__module__"], locals()["__qualname__"])
    b = 2
    def m(self):
        "method doc"
        return vars(self)
k = K()
k.q = 9
print(k.m(), sorted(set(vars(K)) - {"__dict__", "__weakref__"}), vars(K)["a"])
try:
    vars(5)
except TypeError as e:
    print("TypeError:", e)
try:
    vars(1, 2)
except TypeError as e:
    print("TypeError:", e)
print(__doc__, f.__doc__, K.m.__doc__, K.__doc__, K.__module__, K.__qualname__, K.m.__qualname__, f.__module__)
def outer():
    class Local:
        def meth(self): pass
    return Local
L = outer()
print(L.__qualname__, L.meth.__qualname__, L.__module__, L.__name__)
def h():
    if False:
        unset = 1
    w = 2
    return locals()
print(h())
print("summary: locals and vars ok")
