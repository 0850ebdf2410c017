# Data nested 100000 deep: repr, comparison, `in` and printing raise RecursionError with
# CPython's messages; hashing nested tuples and shallow copies still work; 100 deep is fine.
def nest(depth, wrap, start):
    value = start
    for _ in range(depth):
        value = wrap(value)
    return value


def attempt(label, fn):
    try:
        print(label, "->", fn())
    except RecursionError as e:
        print(label, "-> RecursionError:", e)
    except TypeError as e:
        print(label, "-> TypeError:", e)


for depth in (100, 100000):
    a = nest(depth, lambda v: [v], [])
    b = nest(depth, lambda v: [v], [])
    # Tuples and dicts only 20000 deep: as far past every limit, with less memory.
    t = nest(depth // 5, lambda v: (v,), ())
    t2 = nest(depth // 5, lambda v: (v,), ())
    d = nest(depth // 5, lambda v: {"k": v}, {})
    d2 = nest(depth // 5, lambda v: {"k": v}, {})
    print("depth", depth)
    attempt("repr(list)", lambda: len(repr(a)))
    attempt("str(list)", lambda: len(str(a)))
    attempt("f-string", lambda: len(f"{a}"))
    attempt("percent", lambda: len("%s" % (a,)))
    attempt("repr(tuple)", lambda: len(repr(t)))
    attempt("repr(dict)", lambda: len(repr(d)))
    attempt("list == list", lambda: a == b)
    attempt("list != list", lambda: a != b)
    attempt("list < list", lambda: a < b)
    attempt("tuple == tuple", lambda: t == t2)
    attempt("dict == dict", lambda: d == d2)
    attempt("in", lambda: b in [1, a])
    attempt("sorted", lambda: len(sorted([a, b])))
    attempt("hash equal", lambda: hash(t) == hash(t2))
    attempt("set of one tuple", lambda: len({t}))
    attempt("shallow copy", lambda: len(list(a)))
    attempt("join", lambda: ",".join([a]))
    try:
        print(a)
    except RecursionError as e:
        print("print -> RecursionError:", e)
    del a, b, t, t2, d, d2
print("summary: every deep structure handled")
