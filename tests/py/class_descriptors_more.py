class Prop:
    def __init__(self):
        self._v = 0
    @property
    def v(self):
        return self._v
    @v.setter
    def v(self, value):
        self._v = value * 2
    @staticmethod
    def s(a):
        return a + 1
    @classmethod
    def c(cls):
        return cls.__name__

q = Prop()
q.v = 4
print(q.v, Prop.s(1), q.s(2), Prop.c(), q.c())
try:
    del q.v
except AttributeError as e:
    print("AttributeError:", e)

class RO:
    @property
    def r(self):
        return 1
try:
    RO().r = 2
except AttributeError as e:
    print("AttributeError:", e)

class Cached:
    def __init__(self, func):
        self.func = func
        self.attrname = None
    def __set_name__(self, owner, name):
        self.attrname = name
    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        value = self.func(obj)
        setattr(obj, self.attrname, value)
        return value

class W:
    calls = 0
    @Cached
    def heavy(self):
        W.calls += 1
        return 42
w = W()
print(w.heavy, w.heavy, W.calls)

class OnlySet:
    def __set__(self, obj, value):
        print("OnlySet.__set__", value)
class H:
    a = OnlySet()
h = H()
h.a = 3
print(type(h.a).__name__)

class D:
    def __delattr__(self, name):
        print("delattr", name)
        object.__delattr__(self, name)
d = D()
d.z = 1
del d.z
print(hasattr(d, "z"))
try:
    object.__delattr__(d, "nope")
except AttributeError as e:
    print("AttributeError:", e)
print("summary: more descriptors ok")
