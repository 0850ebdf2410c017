# Uncaught ZeroDivisionError from integer modulo.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
n = 17
for d in [5, 3, 0]:
    print(n, "%", d, "=", n % d)
