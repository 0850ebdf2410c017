# Unbounded recursion raises RecursionError, which can be caught.
def forever(n):
    return forever(n + 1)

try:
    forever(0)
except RecursionError as e:
    print("recursion limit hit")
    print(type(e).__name__, isinstance(e, RuntimeError))
    print(str(e).startswith("maximum recursion depth exceeded"))

def mutual_a(n):
    return mutual_b(n + 1)

def mutual_b(n):
    return mutual_a(n + 1)

try:
    mutual_a(0)
except RecursionError:
    print("mutual recursion limit hit")

def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)

print("depth 800 fine:", deep(800))
print("summary: still running after recursion errors")
