# A catalogue of TypeError messages, caught.
def f(x):
    return x
def g(a, b=1, *, c):
    return a
n = 5
s = "abc"
none = None
idx = 1.5
class K:
    def m(self):
        return 1
cases = [
    lambda: 1 + "a",
    lambda: "a" + 1,
    lambda: [1] + (2,),
    lambda: 1 - "a",
    lambda: "a" * "b",
    lambda: None + 1,
    lambda: n(),
    lambda: s(),
    lambda: f(),
    lambda: f(1, 2),
    lambda: f(y=1),
    lambda: g(1),
    lambda: K().m(1),
    lambda: none[0],
    lambda: n[0],
    lambda: len(5),
    lambda: len(None),
    lambda: [1, 2] < "a",
    lambda: 1 < None,
    lambda: int([1]),
    lambda: int(None),
    lambda: {}[[]],
    lambda: {[1]: 2},
    lambda: s[idx],
    lambda: [1, 2][none],
    lambda: iter(5),
    lambda: next([1]),
    lambda: sum(["a", "b"]),
    lambda: "x".join([1]),
    lambda: abs("x"),
    lambda: -"x",
    lambda: ~1.5,
]
for i, fn in enumerate(cases):
    try:
        fn()
        print(i, "no error")
    except TypeError as e:
        print(i, "TypeError:", e)
print("summary:", len(cases))
