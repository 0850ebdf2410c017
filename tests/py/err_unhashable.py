# Uncaught TypeError: unhashable type.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
seen = set()
seen.add((1, 2))
print(len(seen))
seen.add([3, 4])
