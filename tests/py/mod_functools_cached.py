from functools import cached_property, partialmethod, singledispatchmethod, wraps


class Circle:
    def __init__(self, r):
        self.r = r
        self.computed = 0

    @cached_property
    def area(self):
        """The area, computed once."""
        self.computed += 1
        return 3 * self.r * self.r


c = Circle(2)
print(c.area, c.area, c.computed, 'area' in vars(c))
c.r = 10
print(c.area, c.computed)
del c.area
print(c.area, c.computed)
c.area = 1
print(c.area, c.computed)
print(type(Circle.area).__name__, Circle.area.attrname, Circle.area.__doc__)
try:
    class Twice:
        def f(self):
            return 1
        a = cached_property(f)
        b = a
except Exception as e:
    print(type(e).__name__, e)


class Cell:
    def __init__(self):
        self.alive = False

    def set_state(self, state):
        self.alive = state

    set_alive = partialmethod(set_state, True)


cell = Cell()
cell.set_alive()
print(cell.alive)


def deco(f):
    @wraps(f)
    def inner(*a):
        return f(*a)
    return inner


@deco
def documented(x: int) -> int:
    """Doubles x."""
    return 2 * x


print(documented(4), documented.__doc__, documented.__name__, documented.__annotations__)
from functools import singledispatch


@singledispatch
def show(x):
    return 'object'


@show.register
def _(x: int):
    return 'int'


@show.register
def _(x: list):
    return 'list'


class Shape:
    @singledispatchmethod
    def area(self, arg):
        return 'unknown'

    @area.register
    def _(self, arg: str):
        return 'named ' + arg


print(show(1), show([]), show(2.5), Shape().area('sq'), Shape().area(3))
try:
    show.register(lambda x: x)
except TypeError as e:
    print('TypeError', str(e).split(':')[0])
print('summary: cached_property ok')
