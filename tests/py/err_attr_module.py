# module 'math' has no attribute ...
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
import math
print(math.tau > 6)
print(math.tau2)
