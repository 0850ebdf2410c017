# Generator functions: next, StopIteration, for loops, infinite generators, yield from.
def count_up(limit):
    n = 0
    while n < limit:
        yield n
        n += 1
    print("  generator exhausted")
g = count_up(3)
print(type(g).__name__, next(g), next(g), next(g))
try:
    next(g)
except StopIteration:
    print("StopIteration")
print(next(g, "default"))
for v in count_up(2):
    print("got", v)
def naturals():
    n = 1
    while True:
        yield n
        n += 1
for n in naturals():
    if n * n > 50:
        print("first square over 50 from", n)
        break
def take(n, it):
    out = []
    for x in it:
        if len(out) == n:
            break
        out.append(x)
    return out
print(take(5, naturals()))
def evens():
    for n in naturals():
        if n % 2 == 0:
            yield n
print(take(4, evens()))
def chain(*its):
    for it in its:
        yield from it
print(list(chain([1, 2], "ab", range(2))))
def inner():
    yield "i1"
    yield "i2"
    return "inner result"
def outer():
    result = yield from inner()
    yield f"outer got {result!r}"
print(list(outer()))
print("summary:", sum(count_up(5)))
