# object of type 'int' has no len().
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
data = [1, 2, 3]
print(len(data))
size = len(data)
print(len(size))
