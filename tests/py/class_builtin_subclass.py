class MyList(list):
    def total(self):
        return sum(self)
l = MyList([1, 2, 3])
l.append(4)
l.tag = "t"
print(l, len(l), l.total(), l.tag, type(l).__name__, isinstance(l, list), l[1:3], l + [5])
print([x * 2 for x in l], sorted(l, reverse=True), l == [1, 2, 3, 4], 3 in l, bool(MyList()))
print(l.__dict__, str(l), f"{l}", repr(l))

class D(dict):
    def __missing__(self, key):
        self[key] = 0
        return 0
d = D(a=1)
d["b"] += 5
print(d, d["zz"], len(d), list(d.items()), isinstance(d, dict), dict(d))

class P(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))
    @property
    def x(self):
        return self[0]
p = P(3, 4)
print(p, p.x, p[1], len(p), type(p).__name__, hash(p) == hash((3, 4)), p == (3, 4))
a, b = p
print(a, b, tuple.__new__(P, [7, 8]))

class S(set):
    pass
s = S([1, 2, 2])
s.add(3)
print(sorted(s), len(s), 2 in s, type(s) is S)

class Init(list):
    def __init__(self, n):
        super().__init__(range(n))
        self.n = n
print(Init(3), Init(3).n)

class R(dict):
    def __repr__(self):
        return "R(" + super().__repr__() + ")"
    def __getitem__(self, k):
        return dict.__getitem__(self, k) * 10
r = R(x=1)
print(r, r["x"], r.get("x"))
class LenL(list):
    def __len__(self):
        return 42
    def __iter__(self):
        return iter([9])
    def __contains__(self, x):
        return True
ll = LenL([1])
print(len(ll), list(ll), 5 in ll)
class E(list):
    def __eq__(self, other):
        return "eq"
    def __add__(self, other):
        return "add"
print(E() == 1, E() + [1])
try:
    class X(bool): pass
except TypeError as e:
    print("TypeError:", e)
try:
    class Y(list, dict): pass
except TypeError as e:
    print("TypeError:", e)
print("summary: container subclasses ok")
