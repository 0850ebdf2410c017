# Container protocols: __getitem__, __setitem__, __contains__, __iter__/__next__, __call__.
class Countdown:
    def __init__(self, start):
        self.current = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1
class Grid:
    def __init__(self):
        self.cells = {}
    def __getitem__(self, key):
        return self.cells.get(key, ".")
    def __setitem__(self, key, value):
        self.cells[key] = value
    def __delitem__(self, key):
        del self.cells[key]
    def __contains__(self, key):
        return key in self.cells
    def __len__(self):
        return len(self.cells)
class Seq:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * 10
class Multiplier:
    def __init__(self, k):
        self.k = k
    def __call__(self, x):
        return x * self.k
print(list(Countdown(3)), sum(Countdown(4)))
cd = Countdown(2)
print(next(cd), next(cd), next(cd, "end"))
for n in Countdown(2):
    print("tick", n)
g = Grid()
g[0, 0] = "X"
g[1, 2] = "O"
print(g[0, 0], g[5, 5], (1, 2) in g, (2, 2) in g, len(g))
del g[0, 0]
print(len(g), (0, 0) in g)
print(list(Seq()), 20 in Seq(), 25 in Seq())
triple = Multiplier(3)
print(triple(5), list(map(triple, [1, 2])), callable(triple))
class Bag:
    def __init__(self, *items):
        self.items = list(items)
    def __iter__(self):
        return iter(self.items)
print(sorted(Bag(3, 1, 2)), list(zip(Bag("a", "b"), Bag(1, 2))), 2 in Bag(1, 2))
print("summary:", len(list(Countdown(10))))
