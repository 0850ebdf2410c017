# SyntaxError: closing bracket does not match opening one.
# Nothing below may run: the whole file fails to compile.
def describe(label):
    return "label: " + label

notes = ["first", "second"]
for note in notes:
    print(describe(note))
print("this line must not appear")
print("start")
items = [1, 2, 3)
