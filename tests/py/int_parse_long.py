# int(str) of long digit strings (parsed by halves past ~1000 digits) agrees with short
# ones; signs or underscores where CPython refuses them are refused at any length.
import sys

if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(0)

for digits in (1, 999, 1000, 1001, 2048, 4300, 4301, 12345):
    text = "".join("9081726354"[(i * 7 + i // 3) % 10] for i in range(digits))
    value = int(text)
    print(digits, value % 1000000007, len(str(value)) == len(text.lstrip("0") or "0"),
          int("-" + text) == -value, int(text, 7 + 3) == value,
          int("0" * 3000 + text) == value)
print(int("z" * 3000, 36) % 1000003, int("7" * 5000, 8) % 1000003, int("1" * 3000, 2) % 97)
print(int(" 1_000_000 "), int("+12"), int("-0"), int("0x_ff", 0), int("0b1_0", 0))
bad = ["++5", "+-5", "-+5", "1+2", "0x+5", "-0x-5", "1__0", "_1", "1_", "",
       "1" * 2000 + "+" + "1" * 2000, "1" * 2000 + "_" + "1" * 2000 + "_", "1" * 3000 + "a"]
for text in bad:
    try:
        print(int(text, 0 if text.startswith(("0x", "-0x")) else 10))
    except ValueError as e:
        print("ValueError:", str(e)[:70])

s = ""
for i in range(3000):
    s += "ab" if i % 5 else "é"
    n = len(s)
    c = s[-1]
print(n, c, s[2500:2510], s.count("é"), s.find("é", 2000))
