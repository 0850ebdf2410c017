# A class's own __new__ makes the instance; __init__ runs only when __new__ returned
# an instance of the class.
class Tagged:
    made = 0

    def __new__(cls, *args):
        Tagged.made += 1
        self = object.__new__(cls)
        self.tag = "new:" + cls.__name__
        return self

    def __init__(self, value):
        self.value = value


class Child(Tagged):
    def __init__(self, value, extra):
        super().__init__(value)
        self.extra = extra


a = Tagged(1)
b = Child(2, "x")
print(a.tag, a.value)
print(b.tag, b.value, b.extra, isinstance(b, Tagged))
print("made", Tagged.made)


class NotMine:
    def __new__(cls):
        return 42

    def __init__(self):
        print("never runs")


print(NotMine())


class Singleton:
    _one = None

    def __new__(cls):
        if cls._one is None:
            cls._one = object.__new__(cls)
        return cls._one


print(Singleton() is Singleton())
try:
    object.__new__(5)
except TypeError as e:
    print("TypeError:", e)
