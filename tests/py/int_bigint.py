# Arbitrary-precision integers.
a = 2 ** 64
b = 2 ** 200
print(a)
print(b)
print(a - 1, a + 1)
print(b // a)
print(b % (a - 1))
print(-b)
print(a * a == 2 ** 128)
print(len(str(b)))
f = 1
for i in range(1, 31):
    f *= i
print("30! =", f)
print(f // (2 ** 20), f % 1000003)
print(10 ** 30 + 1)
print(-(10 ** 25) // 7, -(10 ** 25) % 7)
print(abs(-(2 ** 100)))
print(2 ** 100 > 2 ** 99, 2 ** 100 == 2 ** 100)
print(int("123456789012345678901234567890") * 3)
print(hex(2 ** 70), bin(2 ** 65))
print((2 ** 64) >> 3, 1 << 100)
print(sum(range(10 ** 6)))
print("done")
