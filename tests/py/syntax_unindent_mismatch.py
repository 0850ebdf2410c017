# IndentationError: unindent does not match any outer indentation level.
# Nothing below may run: the whole file fails to compile.
def describe(label):
    return "label: " + label

notes = ["first", "second"]
for note in notes:
    print(describe(note))
print("this line must not appear")
def f():
        a = 1
    return a
print(f())
