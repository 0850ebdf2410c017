# 'int' object is not callable.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
total = 5
def compute():
    return total(2)
print("before")
compute()
