# Lists: comprehensions, sorting with a key, slicing, appending and popping.
import time

began = time.perf_counter()
numbers = [(i * 7919) % 10007 for i in range(150_000)]
evens = [n for n in numbers if n % 2 == 0]
ordered = sorted(numbers, key=lambda n: (n % 100, n))
windows = [sum(ordered[i : i + 8]) for i in range(0, 40_000, 8)]
stack = []
for n in numbers[:100_000]:
    stack.append(n)
    if len(stack) > 50:
        stack.pop()
print(f"{time.perf_counter() - began:.4f}")
