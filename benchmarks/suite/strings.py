# Text work: formatting, joining, splitting, searching and case changes.
import time

began = time.perf_counter()
pieces = []
for i in range(60_000):
    pieces.append(f"item-{i:05d}:{i * 7 % 13}")
line = ",".join(pieces)
fields = line.split(",")
hits = sum(1 for field in fields if field.endswith(":3"))
upper = [field.upper().replace("ITEM", "x") for field in fields[:20_000]]
found = line.count("-00") + line.find("item-59999")
print(f"{time.perf_counter() - began:.4f}")
