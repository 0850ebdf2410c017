# Uncaught ZeroDivisionError from float division.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
values = [2.0, 1.0, 0.0]
for v in values:
    print(10.0 / v)
