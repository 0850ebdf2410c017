# Bitwise operators and base conversions.
x = 0b1100
y = 0b1010
print(x & y, x | y, x ^ y, ~x, x << 2, x >> 1)
print(-1 & 0xFF, -16 >> 2, ~0, ~-1)
print(hex(255), oct(8), bin(5), hex(-255), bin(-5))
print(int("ff", 16), int("FF", 16), int("0x1f", 16), int("777", 8), int("101", 2))
print(int("z", 36), int("10", 0), int("0o17", 0), int("0b11", 0))
print(int(" 42 "), int("-7"), int("+3"), int("1_000"))
print(int(3.9), int(-3.9), int(True), int("0"))
print((255).bit_length(), (0).bit_length(), (-8).bit_length())
print(0xFF == 255, 0o17, 0b1111_0000)
print(1_000_000 + 1)
print(5 & 3 | 8, 5 ^ 5, 6 & -6)
print("summary:", x & y, x | y, x ^ y)
