# Word statistics over a text, printed in deterministic order.
text = """It was the best of times, it was the worst of times,
it was the age of wisdom, it was the age of foolishness,
it was the epoch of belief, it was the epoch of incredulity."""
words = [w.strip(",.").lower() for w in text.split()]
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print("words:", len(words), "distinct:", len(counts))
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
for word, n in top:
    print(f"{word:<8}{n:>3} {'#' * n}")
lines = text.splitlines()
for i, line in enumerate(lines, 1):
    print(f"{i}: {len(line):2} chars, {len(line.split()):2} words, starts {line.split()[0]!r}")
longest = max(counts, key=lambda w: (len(w), w))
print("longest word:", longest, len(longest))
letters = {}
for ch in text.lower():
    if ch.isalpha():
        letters[ch] = letters.get(ch, 0) + 1
print("top letters:", sorted(letters.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
print("vowels:", sum(letters.get(v, 0) for v in "aeiou"))
acronym = "".join(w[0].upper() for w in lines[0].split())
print("acronym:", acronym)
print("summary:", len(words), len(counts), top[0])
