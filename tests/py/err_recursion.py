# Uncaught RecursionError: the traceback collapses repeated lines.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
def descend(n):
    return descend(n + 1)

print("descending")
descend(0)
