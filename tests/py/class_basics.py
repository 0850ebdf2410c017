# Classes: __init__, class vs instance attributes, methods, __repr__/__str__.
class Dog:
    species = "canis"
    count = 0
    def __init__(self, name, tricks=None):
        self.name = name
        self.tricks = list(tricks or [])
        Dog.count += 1
    def add_trick(self, trick):
        self.tricks.append(trick)
        return self
    def __repr__(self):
        return f"Dog({self.name!r})"
    def __str__(self):
        return f"{self.name} the dog"
a = Dog("Rex")
b = Dog("Fido", ["sit"])
a.add_trick("roll").add_trick("beg")
print(a, b, repr(a), [a, b], str(b))
print(a.tricks, b.tricks, Dog.count, a.count)
print(a.species, Dog.species)
a.species = "wolf"
print(a.species, b.species, Dog.species)
Dog.species = "canis lupus"
print(a.species, b.species)
del a.species
print(a.species)
print(type(a).__name__, isinstance(a, Dog), a.__class__ is Dog)
print(sorted(vars(b)))
class Empty:
    pass
e = Empty()
e.x = 1
print(e.x, hasattr(e, "y"), type(e).__name__)
class NoRepr:
    def __str__(self):
        return "str only"
n = NoRepr()
print(n, str(n), f"{n}")
print("summary:", Dog.count, len(a.tricks))
