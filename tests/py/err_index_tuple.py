# Uncaught IndexError on a tuple.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
point = (3, 4)
print(point[0], point[-1])
print(point[2])
