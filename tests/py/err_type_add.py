# unsupported operand type(s) for +.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
count = 3
label = "items"
print(label + "!")
print(count + label)
