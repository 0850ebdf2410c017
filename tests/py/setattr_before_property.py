# The order of an attribute store: a class's own __setattr__ (and __delattr__) runs
# before any property or data descriptor; object.__setattr__ and object.__delattr__ then
# reach the property's setter or the descriptor, never the class's own hook again.
class Base:
    def __init__(self):
        object.__setattr__(self, '_x', 0)
    @property
    def x(self):
        return self._x
    @x.setter
    def x(self, v):
        print("setter", v)
        object.__setattr__(self, '_x', v)

class Logged(Base):
    def __setattr__(self, name, value):
        print("setattr", name, value)
        super().__setattr__(name, value)
    def __delattr__(self, name):
        print("delattr", name)
        super().__delattr__(name)

c = Logged()
c.x = 5
c.y = 1
print(c.x, c.y)
setattr(c, 'x', 6)
print(c.x)
del c.y
try:
    del c.x
except AttributeError as e:
    print("AttributeError:", e)
for i in range(3):
    c.x = i
print(c.x)

class Frozen:
    __slots__ = ()
    def __setattr__(self, name, value):
        raise AttributeError(f"frozen: {name}")
f = Frozen()
try:
    f.a = 1
except AttributeError as e:
    print(e)

class Desc:
    def __get__(self, obj, owner):
        return obj.__dict__.get('_d', 'unset') if obj is not None else self
    def __set__(self, obj, value):
        print("Desc.__set__", value)
        obj.__dict__['_d'] = value
    def __delete__(self, obj):
        print("Desc.__delete__")

class Holder:
    d = Desc()
h = Holder()
object.__setattr__(h, 'd', 3)
object.__delattr__(h, 'd')
h.d = 4

class Plain:
    @property
    def p(self):
        return 1
pl = Plain()
try:
    object.__setattr__(pl, 'p', 2)
except AttributeError as e:
    print("AttributeError:", e)
try:
    object.__setattr__(object(), 'q', 2)
except AttributeError as e:
    print("AttributeError:", e)
class Counter:
    def __init__(self):
        self.n = 0
    def __setattr__(self, name, value):
        object.__setattr__(self, name, value * 2 if name == 'n' else value)
k = Counter()
for i in range(5):
    k.n = k.n + 1
print(k.n)
