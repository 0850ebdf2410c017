# Uncaught ZeroDivisionError from integer true division.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
def ratio(a, b):
    return a / b
print("ratio", ratio(6, 3))
print("ratio", ratio(1, 0))
print("not reached")
