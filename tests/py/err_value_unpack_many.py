# too many values to unpack (expected 2).
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
pairs = [(1, 2), (3, 4), (5, 6, 7)]
for a, b in pairs:
    print(a, b)
