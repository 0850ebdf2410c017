# Uncaught KeyError with a tuple key.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
grid = {(0, 0): "a", (0, 1): "b"}
print(grid[0, 1])
print(grid[(2, 3)])
