# sys.exit('message') prints the message to stderr and exits with code 1.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
import sys
print("about to fail")
sys.exit("fatal: configuration missing")
