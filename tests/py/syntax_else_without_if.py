# SyntaxError: else without a matching if.
# Nothing below may run: the whole file fails to compile.
def describe(label):
    return "label: " + label

notes = ["first", "second"]
for note in notes:
    print(describe(note))
print("this line must not appear")
x = 1
print(x)
else:
    print("no")
