# not enough values to unpack (expected 3, got 2).
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
row = "x,y,z"
a, b, c = row.split(",")
print(a, b, c)
row = "x,y"
a, b, c = row.split(",")
print("not reached")
