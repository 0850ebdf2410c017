# Properties: getters, validating setters and computed properties on a plain class
# and on a class with __slots__.
import time

SMALL = False  # the checksum check runs a copy with True (small sizes)
ROUNDS = 2_000 if SMALL else 1_080_000


class Temperature:
    def __init__(self, celsius):
        self._celsius = celsius

    @property
    def celsius(self):
        return self._celsius

    @celsius.setter
    def celsius(self, value):
        if value < -273:
            raise ValueError("below absolute zero")
        self._celsius = value

    @property
    def fahrenheit(self):
        return self._celsius * 9 // 5 + 32


class Point:
    __slots__ = ("_x", "_y")

    def __init__(self, x, y):
        self._x = x
        self._y = y

    @property
    def x(self):
        return self._x

    @x.setter
    def x(self, value):
        self._x = value

    @property
    def manhattan(self):
        return abs(self._x) + abs(self._y)


def workload():
    readings = [Temperature(t) for t in range(-20, 20)]
    points = [Point(i, -i) for i in range(16)]
    total = 0
    for i in range(ROUNDS):
        reading = readings[i % 40]
        reading.celsius = reading.celsius + (1 if (i // 40) & 1 else -1)
        total += reading.fahrenheit
        point = points[i & 15]
        point.x = point.x + 1
        total += point.manhattan
    return total


began = time.perf_counter()
result = workload()
print(f"{time.perf_counter() - began:.4f}")
print(result)
