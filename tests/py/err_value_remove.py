# list.remove(x): x not in list.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
stack = [1, 2, 3]
stack.remove(2)
print(stack)
stack.remove(2)
