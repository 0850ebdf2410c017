# invalid literal for int() with base 10.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
raw = ["12", " 7 ", "abc", "9"]
total = 0
for r in raw:
    total += int(r)
    print("running total", total)
