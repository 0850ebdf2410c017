# Misspelled list method name gets a "Did you mean" suggestion.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
names = ["ann"]
names.append("bob")
print(names)
names.apend("cy")
