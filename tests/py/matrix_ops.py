# Nested lists as matrices.
def matmul(a, b):
    return [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]

def transpose(m):
    return [list(r) for r in zip(*m)]

def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]

def show(m):
    for row in m:
        print(" ".join(f"{v:4}" for v in row))

a = [[1, 2, 3], [4, 5, 6]]
b = [[7, 8], [9, 10], [11, 12]]
show(matmul(a, b))
show(transpose(a))
print(matmul(identity(2), [[5, 6], [7, 8]]))
m = identity(3)
m[0][2] = 9
print(m, sum(map(sum, m)))
power = identity(2)
fib_m = [[1, 1], [1, 0]]
for _ in range(30):
    power = matmul(power, fib_m)
print("fib(30) via matrix:", power[0][1])
diag = [m[i][i] for i in range(3)]
print(diag, [row[::-1] for row in a])
print("summary:", matmul(a, b)[1][1])
