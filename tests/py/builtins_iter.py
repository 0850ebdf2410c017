# enumerate, zip, map, filter, reversed, iter/next.
names = ["ann", "bob", "cy"]
print(list(enumerate(names)), list(enumerate(names, start=1)))
for i, n in enumerate(names, 10):
    print(i, n)
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip([1], [2], [3])))
pairs = list(zip(names, [31, 25, 40]))
print(pairs, dict(pairs))
xs, ys = zip(*[(1, "a"), (2, "b")])
print(xs, ys)
print(list(map(str.upper, names)), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])))
print(list(filter(lambda n: n % 2, range(10))), list(filter(None, [0, 1, "", "x", None])))
print(list(reversed([1, 2, 3])), "".join(reversed("abc")))
it = iter([10, 20])
print(next(it), next(it), next(it, "done"))
try:
    next(it)
except StopIteration:
    print("StopIteration raised")
m = map(int, ["1", "2"])
print(type(m).__name__, list(m), list(m))
e = enumerate("xy")
print(next(e), next(e))
print(sum(map(len, names)), any(map(str.isdigit, names)))
print("summary:", list(zip(range(3), reversed(range(3)))))
