# NameError with no similar name to suggest.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
alpha = 1
beta = 2
print("sum", alpha + beta)
print(undefined_thing_xyz)
