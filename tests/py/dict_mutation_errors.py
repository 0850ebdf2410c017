# Mutating containers during iteration, caught.
d = {1: "a", 2: "b", 3: "c"}
try:
    for k in d:
        if k == 1:
            d[4] = "d"
except RuntimeError as e:
    print("RuntimeError:", e)
d = {1: "a", 2: "b", 3: "c"}
try:
    for k in d:
        del d[k]
except RuntimeError as e:
    print("RuntimeError:", e)
d = {1: "a", 2: "b", 3: "c"}
for k in list(d):
    if k % 2:
        del d[k]
print(d)
s = {1, 2, 3}
try:
    for v in s:
        s.add(v + 10)
except RuntimeError as e:
    print("RuntimeError:", e)
nums = [1, 2, 3, 4]
for n in nums:
    if n == 2:
        nums.remove(n)
print(nums)
print("summary:", len(d))
