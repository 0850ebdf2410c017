# Misspelled method: a swapped-letter typo of a short name gets no suggestion.
class Stack:
    def __init__(self):
        self.items = []
    def push(self, x):
        self.items.append(x)
s = Stack()
s.push(1)
print(s.items)
s.psuh(2)
