# SyntaxError: invalid syntax. Perhaps you forgot a comma?
# Nothing below may run: the whole file fails to compile.
def describe(label):
    return "label: " + label

notes = ["first", "second"]
for note in notes:
    print(describe(note))
print("this line must not appear")
values = [1, 2 3, 4]
print(values)
