# Uncaught AssertionError with a message.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
def average(xs):
    assert len(xs) > 0, "cannot average an empty list"
    return sum(xs) / len(xs)

print(average([1, 2, 3]))
print(average([]))
