# Uncaught IndexError on a string.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
word = "hey"
print(word[2], word[-3])
print(word[5])
