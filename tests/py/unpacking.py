# Tuple and starred unpacking.
a, b = 1, 2
a, b = b, a
print(a, b)
x, y, z = "xyz"
print(x, y, z)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = [1, 2, 3, 4]
print(init, last)
head, *_, tail = range(10)
print(head, tail, _)
p, *q = [9]
print(p, q)
(m, n), o = (1, 2), 3
print(m, n, o)
[i, (j, k)] = [5, [6, 7]]
print(i, j, k)
for idx, (name, score) in enumerate([("a", 90), ("b", 85)]):
    print(idx, name, score)
for key, val in {"k1": 1, "k2": 2}.items():
    print(key, val)
*left, right = "hello"
print(left, right)
print([*range(3), *"ab"], (*[1, 2], 3), {**{"a": 1}, "b": 2})
print(*[1, 2], *(3,))
u, v = divmod(17, 5)
print(u, v)
nums = [1, 2, 3]
nums[0], nums[2] = nums[2], nums[0]
print(nums)
a, b, c = (c for c in "pqr")
print(a, b, c)
print("summary:", first, rest, last)
