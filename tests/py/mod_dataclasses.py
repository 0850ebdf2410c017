# dataclasses: fields, defaults, default_factory, frozen, order, eq, repr, asdict/astuple/replace, errors.
from dataclasses import dataclass, field, fields, asdict, astuple, replace, is_dataclass, FrozenInstanceError, KW_ONLY
import dataclasses


def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as err:
        print(label, type(err).__name__, err)


@dataclass
class Point:
    x: int
    y: int = 0


@dataclass
class Task:
    name: str
    tags: list = field(default_factory=list)
    priority: int = field(default=5, repr=False)
    done: bool = field(default=False, compare=False)
    count = 10

    def __post_init__(self):
        self.tags.append("new")


p = Point(1, 2)
print(p, Point(3), Point(y=4, x=5), p == Point(1, 2), p != Point(2, 1), Point.__hash__)
t1 = Task("build")
t2 = Task("test", ["ci"])
print(t1, t2, t1.priority, Task.count, t1 == Task("build", done=True))
print([f.name for f in fields(Task)], fields(Point)[1].default, is_dataclass(p), is_dataclass(Point), is_dataclass(3))
print(asdict(t2), astuple(p), replace(p, y=9), p)
attempt("missing", lambda: Point())
attempt("too many", lambda: Point(1, 2, 3))
attempt("unknown", lambda: Point(1, z=3))
attempt("twice", lambda: Point(1, x=3))


@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    label: str = field(default="", compare=False)


v1, v2 = Version(1, 2), Version(1, 10, "rc")
print(v1 < v2, v1 >= v2, sorted([v2, v1, Version(0, 9)]), hash(v1) == hash(Version(1, 2)))
print({v1: "one"}[Version(1, 2, "other")], max(v1, v2))


def assign():
    v1.major = 3


def delete():
    del v1.minor


attempt("frozen set", assign)
attempt("frozen del", delete)
print(issubclass(FrozenInstanceError, AttributeError))
attempt("order", lambda: Point(1) < Point(2))


@dataclass
class Line:
    start: Point
    end: Point
    points: list = field(default_factory=list)


line = Line(Point(0, 0), Point(3, 4), [Point(1, 1)])
print(asdict(line))
print(astuple(line))


@dataclass(kw_only=True)
class Options:
    verbose: bool = False
    level: int


@dataclass
class Mixed:
    a: int
    _: KW_ONLY
    b: int = 2
    c: int


print(Options(level=3), Mixed(1, c=3), Mixed(1, b=5, c=6).__match_args__)
attempt("kw positional", lambda: Options(True))
attempt("kw missing", lambda: Options())


def bad_order():
    @dataclass
    class Bad:
        x: int = 0
        y: int


def bad_default():
    @dataclass
    class Bad:
        items: list = []


attempt("field order", bad_order)
attempt("mutable", bad_default)
attempt("both", lambda: field(default=1, default_factory=list))
attempt("fields()", lambda: fields(5))
attempt("asdict()", lambda: asdict(Point))
attempt("replace()", lambda: replace(5, x=1))


@dataclass
class Child(Point):
    z: int = 7


print(Child(1, 2, 3), Child(1), [f.name for f in fields(Child)])
print("summary: dataclasses ok")
