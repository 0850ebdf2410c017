# f() missing 1 required positional argument.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
def f(x):
    return x * 2
print(f(4))
print(f())
