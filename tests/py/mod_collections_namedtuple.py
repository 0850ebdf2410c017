from collections import namedtuple

Point = namedtuple('Point', ['x', 'y'])
p = Point(1, y=2)
print(p, p.x, p.y, p[0], p[-1], len(p), tuple(p), p == (1, 2))
x, y = p
print(x + y, isinstance(p, tuple), type(p).__name__, Point.__name__, Point._fields)
print(p._asdict(), p._replace(x=10), Point._make([5, 6]), p._fields)
print(Point.__doc__, Point.x.__doc__, p.__match_args__ if hasattr(p, '__match_args__') else '')
print(sorted([Point(2, 1), Point(1, 5), Point(1, 2)]), hash(p) == hash((1, 2)))
print({p: 'here'}[Point(1, 2)], max(Point(3, 0), Point(2, 9)), p + (3,), p * 2)
Color = namedtuple('Color', 'red green blue', defaults=(0, 0))
print(Color(255), Color(1, 2, 3), Color._field_defaults)
Row = namedtuple('Row', 'id, name', rename=False)
print(Row(1, 'ann'), Row(id=2, name='bob'))
Renamed = namedtuple('Renamed', ['a', 'def', 'a', '_x'], rename=True)
print(Renamed._fields, Renamed(1, 2, 3, 4))
for bad in (lambda: Point(1), lambda: Point(1, 2, 3), lambda: Point(1, z=3),
            lambda: Point(1, x=3), lambda: Point(), lambda: p._replace(z=1),
            lambda: Point._make([1]), lambda: namedtuple('Bad', 'a a'),
            lambda: namedtuple('Bad', 'a _b'), lambda: namedtuple('Bad', 'a class'),
            lambda: namedtuple('1Bad', 'a'), lambda: namedtuple('B', 'a', defaults=(1, 2)),
            lambda: setattr(p, 'x', 5)):
    try:
        bad()
        print('no error')
    except Exception as e:
        print(type(e).__name__, e)


class Pt3(namedtuple('Pt3', 'x y z')):
    def norm1(self):
        return abs(self.x) + abs(self.y) + abs(self.z)


q = Pt3(1, -2, 3)
print(q, q.norm1(), q._replace(z=0), type(q._replace(z=0)).__name__)
print('summary: namedtuple ok')
