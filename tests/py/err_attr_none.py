# Calling a method on None.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
def lookup(name):
    if name == "known":
        return "value"
text = lookup("known")
print(text.upper())
text = lookup("unknown")
print(text.upper())
