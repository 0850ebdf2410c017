# Exception inside a generator expression (unlike list comprehensions, it has its own frame).
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
values = [4, 2, 0]
print(sum(10 // v for v in values[:2]))
print(sum(10 // v for v in values))
