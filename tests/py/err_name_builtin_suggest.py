# NameError for a misspelled builtin.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
values = [3, 1, 2]
print(sorted(values))
print(lenn(values))
