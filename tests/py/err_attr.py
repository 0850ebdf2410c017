# 'Foo' object has no attribute 'bar' (no close match).
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
class Foo:
    def __init__(self):
        self.value = 1
f = Foo()
print(f.value)
print(f.bar)
