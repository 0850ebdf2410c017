# TabError is a SyntaxError: inconsistent use of tabs and spaces.
# Nothing below may run: the whole file fails to compile.
def describe(label):
    return "label: " + label

notes = ["first", "second"]
for note in notes:
    print(describe(note))
print("this line must not appear")
def f():
        x = 1
	return x
print(f())
