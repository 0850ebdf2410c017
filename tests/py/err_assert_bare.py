# Uncaught AssertionError without a message.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
balance = 10
balance -= 25
assert balance >= 0
print("not reached")
