# enum: Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique, lookup, iteration, functional API, reprs.
from enum import *
class Color(Enum):
    RED = 1
    GREEN = 2
    ALIAS = 1
def t(f):
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
t(lambda: Color(5)); t(lambda: Color['X']); t(lambda: unique(Color))
def s(): Color.RED = 3
def d(): del Color.RED
t(s)
def ext():
    class More(Color): BLUE = 3
t(ext)
t(lambda: Color.RED < Color.GREEN)
t(lambda: Color.RED.value.__class__)
print(Color.__members__)
print(1 in Color, Color.RED in Color, 'RED' in Color.__members__)
t(lambda: 'x' in Color)
class P(Flag):
    R = 4; W = 2; X = 1
print(repr(P.R|P.W), str(P.R|P.W), repr(P(0)), str(P(0)), list(P.R|P.X), P.R in (P.R|P.W), repr(~P.R), bool(P(0)), len(P.R|P.W))
class IP(IntFlag):
    R = 4; W = 2
print(repr(IP.R|IP.W), str(IP.R|IP.W), IP.R | 8, repr(IP.R | 8), IP.R + 1, format(IP.R))
class N(IntEnum):
    A = 1; B = 2
print(repr(N.A), str(N.A), N.A + 1, N.A < N.B, format(N.A), f"{N.B}", N(2), sorted([N.B, N.A]), N.A == 1)
class S(StrEnum):
    X = auto(); Y = 'why'
print(repr(S.X), str(S.X), S.X == 'x', S.Y.upper())
class A(Enum):
    a = auto(); b = auto(); c = 10; d = auto()
print(list(A), A.d.value, repr(A), A.a.name, type(A), Color.RED._name_, Color.RED._value_)
F = Enum('F', 'ONE TWO')
print(list(F), F.ONE.value, repr(F.TWO))
G = Enum('G', [('X', 5), ('Y', 6)])
print(list(G))
print(hash(Color.RED) == hash(Color.RED), Color.RED is Color(1), Color.ALIAS, {Color.RED: 'r'}[Color.RED])


class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius

    @property
    def gravity(self):
        return 6.673e-11 * self.mass / (self.radius * self.radius)


print(Planet.EARTH, Planet.EARTH.value, Planet.EARTH.mass, round(Planet.EARTH.gravity, 2))


class State(Enum):
    IDLE = "idle"
    RUNNING = "running"

    def describe(self):
        return f"{self.name.lower()} ({self.value})"

    @classmethod
    def parse(cls, text):
        return cls(text.strip().lower())


print([s.describe() for s in State], State.parse(" RUNNING "), len(State), list(reversed(State)))
print(State("idle") is State.IDLE, State.IDLE == "idle", State.IDLE != State.RUNNING, isinstance(State.IDLE, State))
print(f"{Color.GREEN}", "%s" % (Color.GREEN,), format(Color.GREEN, ">14"), Color.GREEN.name, Color.GREEN.value)
print(type(Color.RED), issubclass(IntEnum, int), isinstance(N.A, int), Color, P, IP)
print("summary: enum ok")
