class Typed:
    def __init__(self, kind):
        self.kind = kind
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.name = "_" + name
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name, None)
    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name[1:]} must be {self.kind.__name__}")
        setattr(obj, self.name, value)
    def __delete__(self, obj):
        print("delete", self.name)

class NonData:
    def __get__(self, obj, objtype=None):
        return ("nondata", obj is None, objtype.__name__)

class Point:
    x = Typed(int)
    y = Typed(int)
    nd = NonData()
    def __init__(self, x, y):
        self.x = x
        self.y = y

p = Point(1, 2)
print(p.x, p.y, p.__dict__)
try:
    p.x = "a"
except TypeError as e:
    print("TypeError:", e)
print(type(Point.x).__name__)
print(p.nd, Point.nd)
p.__dict__  # snapshot
p.nd = 5
print(p.nd)
del p.x
del p.nd
print(p.nd)

print("summary: descriptors ok")
