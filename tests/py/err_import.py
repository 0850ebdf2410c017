# Uncaught ModuleNotFoundError.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
import math
print(math.floor(1.5))
import no_such_module_here
