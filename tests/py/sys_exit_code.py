# sys.exit(3) gives exit code 3 and nothing on stderr.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
import sys
total = sum(range(10))
print("total", total)
if total > 40:
    print("exiting with 3")
    sys.exit(3)
print("not printed")
