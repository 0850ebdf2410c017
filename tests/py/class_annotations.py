"""Module docstring."""
import sys
x: int = 5
y: "str"
z: list = []
print(__annotations__)
print(__doc__)

class C:
    """Class doc."""
    a: int
    b: str = "hi"
    if True:
        c: float = 1.0
    def m(self):
        v: int = 3
        self.w: int = 4
        return v
    print(list(__annotations__))

print(C.__annotations__, C.__doc__, C.b)
print("a" in C.__dict__, C.m.__doc__)
print(C().m())

def f(a: int, b: "B" = 2, *args: str, c: float = 1.0, d, **kw: dict) -> bool:
    "function doc"
    return True
print(f.__annotations__)
print(f.__doc__)
def g(p, /, q: int, r: str): pass
print(g.__annotations__)
def h(): pass
print(h.__annotations__, h.__doc__)
h.__annotations__["k"] = 1
print(h.__annotations__)
lam = lambda q: q
print(lam.__annotations__, lam.__doc__)

class N:
    pass
print(N.__doc__, "__annotations__" in N.__dict__)
print(sorted(k for k in C.__dict__ if not k.startswith("__") or k in ("__doc__", "__annotations__")))
print(list(C.__dict__)[:4])
def gen():
    """gen doc"""
    yield 1
print(gen.__doc__)
class K:
    def __init__(self):
        """init doc"""
print(K.__init__.__doc__, K().__init__.__doc__)
print("summary: annotations and docstrings ok")
