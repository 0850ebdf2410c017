# Trivial property getters (`return self._x`) and setters (`self._x = value`), which the
# interpreter may run without their frames, behave as the frames would: a missing
# attribute raises from inside the getter (its traceback line), a class attribute or a
# nested property answers, __slots__ and subclasses, the recursion limit.
import sys


class Box:
    def __init__(self, x):
        self._x = x

    @property
    def x(self):
        return self._x

    @x.setter
    def x(self, value):
        self._x = value


class Slotted:
    __slots__ = ("_v",)

    def __init__(self, v):
        self._v = v

    @property
    def v(self):
        return self._v

    @v.setter
    def v(self, value):
        self._v = value


class Shared:
    _x = "class value"

    @property
    def x(self):
        return self._x


class Nested:
    def __init__(self):
        self._inner = 5

    @property
    def inner(self):
        return self._inner * 2

    @property
    def outer(self):
        return self.inner


class Base:
    @property
    def z(self):
        return self._z

    @z.setter
    def z(self, value):
        self._z = value


class Derived(Base):
    pass


def main():
    b = Box(1)
    for i in range(5):
        b.x = b.x + i
    print("box", b.x, b._x)
    b.x += 10
    print("box+=", b.x)

    s = Slotted(3)
    for _ in range(3):
        s.v = s.v * 2
    print("slotted", s.v)

    print("shared", Shared().x)
    n = Nested()
    print("nested", n.outer, n.inner)

    d = Derived()
    d.z = "dz"
    print("derived", d.z, d.__dict__)

    # A missing attribute: the error comes from the getter's line.
    empty = Box.__new__(Box)
    try:
        empty.x
    except AttributeError as error:
        print("missing:", error)
        lines = []
        tb = error.__traceback__
        while tb is not None:
            lines.append(tb.tb_lineno)
            tb = tb.tb_next
        print("lines:", lines)

    # The getter's attribute changes under it (a value then a property on the class).
    b2 = Box(1)
    print("before", b2.x)
    del b2._x
    Box._x = "now on the class"
    print("class fallback", b2.x)
    del Box._x

    # Replacing the getter after use is seen at once.
    Box.x = property(lambda self: "replaced")
    print("replaced", b.x)

    # Deep recursion through a trivial getter still hits the limit.
    class Deep:
        def __init__(self):
            self._v = 1

        @property
        def v(self):
            return self._v

    deep = Deep()

    def dive(n):
        return deep.v + dive(n + 1)

    sys.setrecursionlimit(200)
    try:
        dive(0)
    except RecursionError as error:
        print("recursion:", type(error).__name__)
    sys.setrecursionlimit(1000)


main()
