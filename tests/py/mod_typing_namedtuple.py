# typing.NamedTuple (class and functional forms) and TypedDict.
from typing import NamedTuple, TypedDict
class P(NamedTuple):
    x: int
    y: str = 'a'
    def total(self): return self.x * 2
p = P(1)
print(p, p.total(), P._fields, P._field_defaults, p._asdict(), p._replace(x=5), P._make([3, 'b']), P.__annotations__, P.x)
try: P()
except TypeError as e: print(e)
try: P(1,2,3)
except TypeError as e: print(e)
Q = NamedTuple('Q', [('a', int), ('b', float)])
print(Q(1, 2.0), Q.__mro__, type(P))
try: p.x = 3
except AttributeError as e: print(e)
class Movie(TypedDict):
    name: str
    year: int
m = Movie(name='x', year=1)
print(m, type(m), Movie.__annotations__, sorted(Movie.__required_keys__), Movie.__total__)
class M2(TypedDict, total=False):
    a: int
print(M2(), M2.__optional_keys__)
def bad():
    class B(NamedTuple):
        x: int = 0
        y: int
try: bad()
except TypeError as e: print(e)
print("summary: NamedTuple and TypedDict ok")
