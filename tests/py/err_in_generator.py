# Exception raised inside a generator function while iterating.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
def countdown(n):
    while True:
        yield 10 // n
        n -= 1

for value in countdown(3):
    print("value", value)
