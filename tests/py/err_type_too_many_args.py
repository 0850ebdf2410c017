# f() takes 1 positional argument but 2 were given.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
def f(x):
    return x + 1
print(f(1))
print(f(1, 2))
