# String indexing, slicing and iteration.
s = "abcdefghij"
print(s[0], s[-1], s[3], s[-3])
print(s[2:5], s[:3], s[7:], s[-3:], s[:-3])
print(s[::2], s[1::2], s[::-1], s[::-2], s[8:2:-2])
print(s[100:], s[-100:3], s[5:2], repr(s[5:2]))
print([c for c in "hey"])
print(list("abc"), tuple("ab"))
print(ord("a"), chr(97), ord("A"), chr(0x263A))
print(s.index("d"), "d" in s)
total = 0
for ch in s:
    total += ord(ch) - ord("a")
print(total)
print(str(123), str(-1.5), str([1, "a"]), repr("it's"), repr('say "hi"'))
print(repr("tab\there"), repr("new\nline"), repr("back\\slash"))
print("multi" "ple" " parts")
t = """triple
quoted"""
print(t, len(t))
print(r"raw\n", len(r"raw\n"))
print("\x41\u0042\N{LATIN SMALL LETTER C}")
print("summary:", s[::3])
