# Uncaught IndexError on a list.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
items = [10, 20, 30]
i = 0
while True:
    print(items[i])
    i += 1
