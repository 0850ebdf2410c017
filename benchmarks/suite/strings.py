# String building, splitting and formatting: join, += in a loop, split and
# splitlines, str.format and % formatting, replace, case changes, find and count.
import time

SMALL = False  # the checksum check runs a copy with True (small sizes)
ROWS = 1_000 if SMALL else 450_000


def workload():
    lines = []
    for i in range(ROWS):
        lines.append("{:05d};{};%s".format(i, i * 7 % 13) % ("name%d" % (i % 101)))
    text = "\n".join(lines)
    total = 0
    for line in text.splitlines():
        number, score, name = line.split(";")
        if score == "3":
            total += int(number)
        total += len(name.upper().replace("NAME", "n"))
    built = ""
    for i in range(ROWS // 5):
        built += str(i % 10)
        if i % 50 == 49:
            built += "|"
    parts = built.split("|")
    head, sep, tail = text.partition("00042;")
    total += len(parts) + len(built) + len(head) + len(tail) + len(sep)
    total += text.count("name7") + text.find("name100") + text.rfind(";5;")
    words = " ".join(s.strip().lower() for s in ["  Alpha ", "BETA", " gamma"] * (ROWS // 10))
    total += len(words) + words.count("beta") + sum(1 for w in words.split() if w.startswith("g"))
    return total


began = time.perf_counter()
result = workload()
print(f"{time.perf_counter() - began:.4f}")
print(result)
