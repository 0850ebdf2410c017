# Sets of small ints (iteration order of small ints is stable), printed sorted otherwise.
a = {1, 2, 3, 4}
b = {3, 4, 5, 6}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b), a.intersection(b), a.difference(b), a.symmetric_difference(b))
a.add(10)
a.add(1)
a.discard(2)
a.discard(99)
print(sorted(a), len(a), 3 in a, 2 in a)
try:
    a.remove(42)
except KeyError as e:
    print("KeyError:", e)
print({1, 2} <= {1, 2, 3}, {1, 2} < {1, 2}, {1, 2, 3} >= {3}, {1}.isdisjoint({2}))
print(set(), len(set()), set([3, 1, 3, 2]), {x % 3 for x in range(10)})
words = ["pear", "fig", "pear", "apple", "fig"]
uniq = set(words)
print(len(uniq), sorted(uniq), "fig" in uniq)
print(sorted({w[0] for w in words}))
fs = frozenset([1, 2, 2])
print(fs, len(fs), 2 in fs)
c = {5, 6}
c |= {7}
c &= {6, 7, 8}
c -= {6}
print(c)
c.update([1, 2], {3})
print(sorted(c), c.pop() in {1, 2, 3, 7})
print(set("aab") == {"a", "b"}, {1, 2} == {2, 1})
print("summary:", sorted(a | b))
