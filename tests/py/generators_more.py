# Generators: laziness, return values, generator state and pipelines.
def take(n, it):
    out = []
    for x in it:
        if len(out) == n:
            break
        out.append(x)
    return out
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
print(take(10, fib()))
def lazy():
    print("  started")
    yield 1
gen = lazy()
print("created, not started")
print(next(gen))
def with_return():
    yield 1
    return 99
try:
    w = with_return(); next(w); next(w)
except StopIteration as e:
    print("StopIteration value:", e.value)
def pipeline(lines):
    stripped = (ln.strip() for ln in lines)
    nonempty = (ln for ln in stripped if ln)
    return (ln.upper() for ln in nonempty)
print(list(pipeline(["  a ", "", " b", "   "])))
squares = (n * n for n in range(5))
print(next(squares), next(squares), list(squares))
print("summary:", take(3, fib()))
