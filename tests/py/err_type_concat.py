# can only concatenate str (not "int") to str.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
name = "file"
number = 7
print(name + str(number))
print(name + number)
