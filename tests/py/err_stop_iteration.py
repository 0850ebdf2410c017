# Uncaught StopIteration from next() on an exhausted iterator.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
it = iter([1, 2])
print(next(it))
print(next(it))
print(next(it))
