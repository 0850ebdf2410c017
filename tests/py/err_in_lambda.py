# Exception raised inside a lambda.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
records = [{"n": 3}, {"n": 1}, {"m": 2}]
key = lambda r: r["n"]
print(key(records[0]))
print(sorted(records, key=key))
