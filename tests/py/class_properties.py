# @property, setters, @staticmethod, @classmethod.
class Temperature:
    scale = "C"
    instances = 0
    def __init__(self, celsius):
        self._c = celsius
        Temperature.instances += 1
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        self._c = value
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
    @staticmethod
    def c_to_f(c):
        return c * 9 / 5 + 32
    @classmethod
    def from_f(cls, f):
        return cls((f - 32) * 5 / 9)
    @classmethod
    def describe(cls):
        return f"{cls.__name__} in {cls.scale}, {cls.instances} made"
t = Temperature(100)
print(t.celsius, t.fahrenheit)
t.celsius = 37.5
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
try:
    t.fahrenheit = 1
except AttributeError as e:
    print("AttributeError:", e)
print(Temperature.c_to_f(0), t.c_to_f(-40))
u = Temperature.from_f(212)
print(type(u).__name__, u.celsius)
class Kelvin(Temperature):
    scale = "K"
k = Kelvin.from_f(32)
print(type(k).__name__, k.celsius, Kelvin.describe())
print(Temperature.describe())
print("summary:", Temperature.instances, round(u.fahrenheit, 1))
