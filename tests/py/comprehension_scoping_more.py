# More comprehension scoping (3.12 inlines list/set/dict comprehensions): global,
# parameter, cell and nonlocal names as comprehension variables; super(); class bodies.
x = "g"
def a():
    global x
    r = [x for x in range(3)]
    return r, x
print(a(), x)
def b(x):
    return [x for x in range(3)], x
print(b("param"))
def c(x):
    g = lambda: x
    return [x * 2 for x in range(2)], g(), x
print(c("cellparam"))
def d():
    try:
        print([q for q in range(2)])
        print(q)
    except UnboundLocalError as e:
        print("ULE", e)
    q = 1
d()
def e():
    v = 5
    def inner():
        nonlocal v
        return [v + i for i in range(2)], [v for v in range(2)], v
    return inner()
print(e())
class Base:
    def m(self): return "base"
class Der(Base):
    def m(self):
        return [super().m() + str(i) for i in range(2)]
print(Der().m())
class C:
    k = 3
    items = [1, 2, 3]
    doubled = [i * 2 for i in items]
    try:
        bad = [k for i in range(2)]
    except NameError as e:
        err = str(e)
print(C.err, C.doubled, hasattr(C, "i"))
def f2():
    y = 2
    fs = [lambda: y for i in range(2)]
    return [f() for f in fs], [sum(y * j for j in range(i)) for i in range(3)]
print(f2())
print([(p, q, r) for p, (q, r) in [(1, (2, 3)), (4, (5, 6))]])
def wt():
    class CM:
        def __enter__(self): return self
        def __exit__(self, *a): return print("exit", a[0].__name__) or True
    i = "keep"
    with CM():
        [1 // (i - 1) for i in range(3)]
    try:
        [int(s) for s in ["1", "x"]]
    finally:
        print("finally", i)
try:
    wt()
except ValueError as err:
    print("VE", err)
print([(z := v) for v in range(3)], z)
mod = [locals()["m"] for m in range(2)]
print(mod, "m" in globals())
print("summary: ok")
