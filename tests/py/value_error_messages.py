# A catalogue of ValueError messages, caught.
import math
cases = [
    lambda: int("abc"),
    lambda: int("12.5"),
    lambda: int(""),
    lambda: int("ff", 10),
    lambda: int("9", 8),
    lambda: float("x1"),
    lambda: [1, 2].index(5),
    lambda: "abc".index("z"),
    lambda: "abc".rindex("z"),
    lambda: (1, 2).index(3),
    lambda: [].remove(0),
    lambda: max([]),
    lambda: min(()),
    lambda: math.sqrt(-4),
    lambda: chr(-1),
    lambda: range(0, 1, 0),
    lambda: "a,b".split(""),
    lambda: "{} {}".format(1),
    lambda: f"{1:q}",
    lambda: f"{'s':d}",
]
for i, fn in enumerate(cases):
    try:
        fn()
        print(i, "no error")
    except ValueError as e:
        print(i, "ValueError:", e)
    except IndexError as e:
        print(i, "IndexError:", e)
def unpack(seq):
    a, b = seq
    return a, b
for seq in [[1], [1, 2, 3], "xyz", []]:
    try:
        unpack(seq)
    except ValueError as e:
        print("unpack", seq, "->", e)
try:
    a, *b, c = [1]
except ValueError as e:
    print("starred:", e)
print("summary:", len(cases))
