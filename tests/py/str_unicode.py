# Non-ASCII text in strings.
heart = "\u2665"
print("♥ still beating")
print(heart == "♥", len("♥"), ord("♥"))
word = "naïve café"
print(word, len(word), word.upper())
print(word[2], word[-1], word[::-1])
print("日本語", len("日本語"), "日本語"[1])
print("Grüße".lower(), "straße".upper())
print("€" * 3, "→".join(["a", "b", "c"]))
print(repr("é"), ascii("é"), repr("♥"))
print("emoji: 🎉", len("🎉"))
print(f"{'ñ':>4}|{'ü':*<3}|")
print(sorted(["b", "á", "a", "z"]))
print(chr(233), chr(9829), "é".encode("utf-8") == b"\xc3\xa9")
print("summary:", len("♥" * 5))
