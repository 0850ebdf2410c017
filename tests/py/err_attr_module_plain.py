# Module attribute error with no close match.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
import sys
print(sys.maxsize > 0)
sys.frobnicate_everything()
