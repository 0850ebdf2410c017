# List, set and dict comprehensions, nested and conditional; generator expressions.
print([x * x for x in range(8)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([x if x % 2 else -x for x in range(6)])
print([(i, j) for i in range(3) for j in range(i)])
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[i] for row in matrix for i in range(len(row)) if i == 1])
print([[row[i] for row in matrix] for i in range(3)])
print([n for row in matrix for n in row if n % 2])
print({x % 4 for x in range(20)})
print({c: ord(c) for c in "abc"})
print(sum(x * x for x in range(10)))
print(any(x > 5 for x in [1, 7]), all(x > 0 for x in [1, -1]))
print(max(len(w) for w in ["a", "abc", "ab"]), min((x for x in []), default=-1))
print(sorted((w for w in ["b", "a"]), reverse=True))
print("".join(c.upper() for c in "shout"))
print(tuple(i for i in range(3)), list(i for i in "ab"))
gen = (n * 2 for n in range(3))
print(type(gen).__name__, list(gen), list(gen))
x = "outer"
_ = [x for x in range(3)]
print(x)
words = ["hello", "to", "the", "world"]
print([w for w in words if len(w) > 2], [len(w) for w in words])
print([[c for c in w] for w in words[:2]])
class Item:
    def __init__(self, n):
        self.n = n
    def __repr__(self):
        return f"Item#{self.n}"
objs = [Item(i) for i in range(4)]
print(objs, [o.n for o in objs if o.n > 1])
print("summary:", len(objs), sum(o.n for o in objs))
