# 'NoneType' object is not subscriptable.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
def find(items, key):
    for k, v in items:
        if k == key:
            return v
result = find([("a", [1, 2])], "a")
print(result[0])
missing = find([("a", [1, 2])], "b")
print(missing[0])
