class Pt(tuple):
    __slots__ = ()
    _fields = ("x", "y")
    def __new__(cls, x, y):
        return tuple.__new__(cls, (x, y))
    def __repr__(self):
        return f"Pt(x={self[0]!r}, y={self[1]!r})"
    x = property(lambda self: self[0])
    def _replace(self, **kw):
        return type(self)(kw.get("x", self.x), kw.get("y", self[1]))
p = Pt(1, 2)
print(p, p.x, p._replace(x=5), p + (3,), tuple(p), list(p), p == (1, 2), len(p), p.count(1), p.index(2))
x, y = p
print(x, y, max(p), {p: "v"}[(1, 2)], sorted([Pt(2, 1), Pt(1, 2)]))

class Counter(dict):
    def __missing__(self, key):
        return 0
    def update_from(self, items):
        for item in items:
            self[item] += 1
c = Counter()
c.update_from("abracadabra")
print(c, c["z"], "z" in c, sorted(c.items()), len(c), c.get("a"))

class DefaultDict(dict):
    def __init__(self, factory, *args, **kw):
        super().__init__(*args, **kw)
        self.factory = factory
    def __missing__(self, key):
        value = self[key] = self.factory()
        return value
    def __repr__(self):
        return f"DefaultDict({self.factory.__name__}, {dict.__repr__(self)})"
dd = DefaultDict(list)
dd["a"].append(1)
dd["b"].append(2)
dd["a"].append(3)
print(dd, dict(dd), list(dd), dd.factory.__name__)

class OD(dict):
    def __setitem__(self, key, value):
        print("set", key)
        super().__setitem__(key, value)
    def __delitem__(self, key):
        print("del", key)
        dict.__delitem__(self, key)
o = OD()
o["k"] = 1
o["j"] = 2
del o["k"]
print(o, o.__len__(), o.__contains__("j"), list(o.__iter__()))
print("summary: tuple and dict subclasses ok")
