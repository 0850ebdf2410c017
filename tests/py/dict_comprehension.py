# Dict comprehensions and nested dicts.
squares = {n: n * n for n in range(6)}
print(squares)
evens = {k: v for k, v in squares.items() if k % 2 == 0}
print(evens)
inverted = {v: k for k, v in squares.items()}
print(inverted)
words = ["apple", "bob", "kiwi", "banana"]
lengths = {w: len(w) for w in words}
print(lengths)
by_len = {}
for w in words:
    by_len.setdefault(len(w), []).append(w)
print(by_len)
nested = {i: {j: i * j for j in range(3)} for i in range(3)}
print(nested)
print(nested[2][1])
class User:
    def __init__(self, name, age):
        self.name = name
        self.age = age
users = [User("ann", 31), User("bo", 25), User("cy", 40)]
labels = {u.name: f"{u.name.title()} ({u.age})" for u in users}
print(labels)
lookup = {u.name: u for u in users}
print(lookup["bo"].age)
print({k: v for k, v in zip("xyz", [1, 2, 3])})
print("summary:", len(squares), sum(squares.values()))
