# SyntaxError: positional argument follows keyword argument.
# Nothing below may run: the whole file fails to compile.
def describe(label):
    return "label: " + label

notes = ["first", "second"]
for note in notes:
    print(describe(note))
print("this line must not appear")
def f(a, b):
    return a + b
print(f(a=1, 2))
