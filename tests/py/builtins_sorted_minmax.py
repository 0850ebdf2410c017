# sorted/min/max/sum with keys, reverse, stability, defaults.
data = [5, 2, 9, 1, 5, 6]
print(sorted(data), sorted(data, reverse=True), data)
words = ["banana", "Apple", "cherry", "date", "fig", "Elder"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len))
print(sorted(words, key=len, reverse=True))
recs = [("b", 2), ("a", 2), ("c", 1), ("d", 1)]
print(sorted(recs, key=lambda r: r[1]))
print(sorted(recs, key=lambda r: r[1], reverse=True))
print(sorted("hello"), sorted({3: "x", 1: "y"}), sorted((3, 1, 2)))
print(min(data), max(data), min(3, 1, 2), max("a", "bb", "c", key=len))
print(min(words, key=len), max(words, key=lambda w: w[-1]))
print(min([], default="empty"), max([], default=None), min([4], default=0))
print(sum(data), sum(data, 100), sum([0.5, 0.25]), sum([[1], [2]], []))
print(abs(-3), abs(2.5), abs(-0.0), divmod(17, 5), round(7.25, 1))
try:
    min([])
except ValueError as e:
    print("ValueError:", e)
try:
    max()
except TypeError as e:
    print("TypeError:", e)
data.sort(key=lambda v: -v)
print(data)
print(any([]), all([]), any([0, 0, 1]), all([1, 2, 0]), any(x > 8 for x in data))
print(all(isinstance(w, str) for w in words))
print("summary:", sorted(data)[:3], max(words))
