# Floor division, modulo and divmod, including negatives.
pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (9, 3)]
for a, b in pairs:
    print(a, b, "->", a // b, a % b, divmod(a, b))
print(7 / 2, -7 / 2, 6 / 3)
print(type(6 / 3).__name__)
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2)
print(divmod(7.5, 2), divmod(-7, 2.0))
print(10 % 3.0, -10 % 3)
print(2 ** -1, 2 ** -2, 10 ** -3)
print(type(2 ** -1).__name__, type(2 ** 3).__name__)
print(pow(2, 10), pow(2, -1), pow(3, 4, 5), pow(7, 123, 1000))
print(pow(-2, 3), (-2) ** 2, -2 ** 2)
print(pow(3, -1, 7))
print(1 / 4 + 1 / 4)
print("summary:", sum(a // b for a, b in pairs), sum(a % b for a, b in pairs))
