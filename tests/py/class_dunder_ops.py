# Operator dunders: __eq__, __lt__, __hash__, __add__, __len__, __bool__, sorting.
class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"Vec({self.x}, {self.y})"
    def __eq__(self, other):
        return isinstance(other, Vec) and (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)
    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    def __rmul__(self, k):
        return self * k
    def __neg__(self):
        return Vec(-self.x, -self.y)
    def __lt__(self, other):
        return (self.x ** 2 + self.y ** 2) < (other.x ** 2 + other.y ** 2)
    def __len__(self):
        return 2
    def __bool__(self):
        return bool(self.x or self.y)
a, b = Vec(1, 2), Vec(3, 4)
print(a + b, b - a, a * 3, 2 * a, -a)
print(a == Vec(1, 2), a != b, a == "x", len(a), bool(Vec(0, 0)), bool(a))
print(sorted([Vec(3, 4), Vec(0, 1), Vec(2, 2)]), a < b, b > a)
print(min([b, a]), max([a, b]))
s = {Vec(1, 2), Vec(1, 2), Vec(2, 1)}
print(len(s), Vec(2, 1) in s)
d = {Vec(0, 0): "origin"}
print(d[Vec(0, 0)])
class Plain:
    pass
p, q = Plain(), Plain()
print(p == p, p == q, p != q, hash(p) == hash(p))
class NoHash:
    def __eq__(self, other):
        return True
try:
    hash(NoHash())
except TypeError as e:
    print("TypeError:", e)
try:
    Plain() < Plain()
except TypeError as e:
    print("TypeError:", e)
total = Vec(0, 0)
for v in [a, b, Vec(10, 10)]:
    total += v
print("summary:", total)
