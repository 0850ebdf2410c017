# Where enumerate starts counting: ints, bools, big ints, objects with __index__, and
# what it says about a start that is not an integer.
class Seven:
    def __index__(self):
        return 7


letters = "abc"
print(list(enumerate(letters, True)))
print(list(enumerate(letters, False)))
print(list(enumerate(letters, start=-2)))
print(list(enumerate(letters, 2**70)))
print([type(i).__name__ for i, _ in enumerate(letters, True)])
print(list(enumerate(letters, Seven())))
for bad in (1.5, "1", None):
    try:
        enumerate(letters, bad)
    except TypeError as error:
        print("TypeError:", error)
