# NameError where CPython 3.12 suggests a close name.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
counter = 10
def bump():
    return countr + 1
print("start", counter)
print(bump())
