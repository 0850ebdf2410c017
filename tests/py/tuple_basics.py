# Tuples: packing, immutability, methods, comparison.
t = (1, 2, 3)
single = (5,)
empty = ()
packed = 4, 5, 6
print(t, single, empty, packed, type(single).__name__)
print(len(t), t[0], t[-1], t.count(2), t.index(3))
print(t + (4,), t * 2, 2 in t)
print((1, 2) < (1, 3), (1, 2, 3) > (1, 2), (2,) > (1, 9))
try:
    t[0] = 10
except TypeError as e:
    print("TypeError:", e)
nested = ((1, 2), [3, 4])
nested[1].append(5)
print(nested)
print(tuple([1, 2]), tuple("hi"), tuple(range(3)))
def minmax(xs):
    return min(xs), max(xs)
lo, hi = minmax([4, 8, 1])
print(lo, hi, minmax([2, 3]))
print(hash((1, 2)) == hash((1, 2)))
d = {(0, 0): "origin", (1, 2): "pt"}
print(d[(1, 2)], d[0, 0])
print(sorted([(2, "b"), (1, "z"), (2, "a")]))
print(repr(()), repr((None,)), str((1.5, "s")))
print("summary:", sum(t), len(nested))
