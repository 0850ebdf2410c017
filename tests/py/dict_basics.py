# Dict operations; insertion order is preserved.
d = {"b": 2, "a": 1}
d["c"] = 3
d["b"] = 20
print(d, len(d))
print(d["a"], d.get("z"), d.get("z", 0), "a" in d, "z" not in d)
print(list(d.keys()), list(d.values()), list(d.items()))
d.update({"d": 4, "a": 10})
d.update(e=5)
print(d)
print(d.setdefault("a", 99), d.setdefault("f", 6), d)
print(d.pop("b"), d.pop("zz", "gone"), d)
print(d.popitem(), d)
del d["a"]
print(d)
for k in d:
    print(k, d[k])
for k, v in d.items():
    print(k, "=>", v)
e = dict(x=1, y=2)
f = dict([("p", 1), ("q", 2)])
g = dict(zip("abc", range(3)))
print(e, f, g)
print(dict.fromkeys(["u", "v"], 0))
counts = {}
for w in "the cat the dog the end".split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
merged = {**e, **f, "x": 100}
print(merged, e | {"z": 26})
print({1: "a"} == {1: "a"}, {1: "a", 2: "b"} == {2: "b", 1: "a"})
print({1: "one", 1.0: "float one", True: "true"})
d2 = d.copy()
d2.clear()
print(d2, d)
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
print("summary:", sum(counts.values()), len(counts))
