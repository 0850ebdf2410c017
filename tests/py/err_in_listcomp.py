# Exception inside a list comprehension (3.12 inlines comprehensions: no extra frame).
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
def inverses(xs):
    return [1 / x for x in xs]

print(inverses([1, 2, 4]))
print(inverses([5, 0]))
