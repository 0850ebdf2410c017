# int() of text: signs, leading zeros per base, the 18-digit edge of the quick path and
# past it, whitespace, underscores, prefixes, non-ASCII digits and the errors.
cases = ["0", "-0", "+0", "7", "007", "-007", "+12", "123456789012345678", "-123456789012345678",
         "1234567890123456789", "99999999999999999999", " 12", "12 ", "1_000", "0x1f", "", "-", "+",
         "--1", "1e3", "١٢", "00", "01", "0_0", "\t42\n", "9" * 18, "-" + "9" * 18]
for base in (10, 0, 16, 8):
    for text in cases:
        try:
            print(base, repr(text), int(text, base))
        except ValueError as e:
            print(base, repr(text), "ValueError:", e)
print(int("42"), int("-17"), type(int("5")))
