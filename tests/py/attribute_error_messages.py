# AttributeError messages, caught (suggestions are not part of str(e)).
import math
class Point:
    def __init__(self):
        self.x = 1
    def norm(self):
        return self.x
p = Point()
cases = [
    lambda: p.y,
    lambda: p.nrom(),
    lambda: Point.z,
    lambda: math.tau2,
    lambda: "s".foo,
    lambda: [].push(1),
    lambda: (1).real.nope,
    lambda: None.x,
    lambda: {}.has_key("a"),
]
for i, fn in enumerate(cases):
    try:
        fn()
    except AttributeError as e:
        print(i, "AttributeError:", e)
try:
    "abc".upper = 5
except AttributeError as e:
    print("set on str:", e)
try:
    (1).x = 5
except AttributeError as e:
    print("set on int:", e)
print("summary:", getattr(p, "y", "fallback"))
