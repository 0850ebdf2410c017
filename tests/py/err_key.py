# Uncaught KeyError shows the repr of the key.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
prices = {"apple": 1.25, "pear": 0.8}
for fruit in ["apple", "pear", "mango"]:
    print(fruit, prices[fruit])
