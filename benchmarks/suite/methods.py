# Method calls and attribute access: a small class hierarchy with super() calls,
# overridden methods, class attributes, classmethods and staticmethods.
import time

SMALL = False  # the checksum check runs a copy with True (small sizes)
ROUNDS = 1_500 if SMALL else 1_000_000


class Shape:
    sides = 0

    def __init__(self, name):
        self.name = name
        self.moves = 0
        self.x = 0
        self.y = 0

    def move(self, dx, dy):
        self.x += dx
        self.y += dy
        self.moves += 1

    def area(self):
        return 0

    def describe(self):
        return self.sides * 1000 + self.area()

    @classmethod
    def unit(cls):
        return cls(1)

    @staticmethod
    def clip(value):
        return value if value < 500 else value - 500


class Rect(Shape):
    sides = 4

    def __init__(self, width, height=None):
        super().__init__("rect")
        self.width = width
        self.height = width if height is None else height

    def area(self):
        return self.width * self.height


class Triangle(Shape):
    sides = 3

    def __init__(self, base, height=2):
        super().__init__("triangle")
        self.base = base
        self.height = height

    def area(self):
        return self.base * self.height // 2


def workload():
    shapes = [Rect(i % 9 + 1, i % 5 + 1) if i % 2 else Triangle(i % 11 + 1) for i in range(50)]
    shapes.append(Rect.unit())
    shapes.append(Triangle.unit())
    total = 0
    count = len(shapes)
    for i in range(ROUNDS):
        shape = shapes[i % count]
        shape.move(1, -1)
        total += shape.describe()
        total += Shape.clip(shape.x)
        if shape.moves % 3 == 0:
            total += shape.sides
    return total + sum(s.moves + s.y for s in shapes)


began = time.perf_counter()
result = workload()
print(f"{time.perf_counter() - began:.4f}")
print(result)
