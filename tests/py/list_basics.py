# List methods and operations.
a = [3, 1, 4, 1, 5]
a.append(9)
a.extend([2, 6])
a.insert(0, 0)
a.insert(100, 7)
print(a, len(a))
print(a.pop(), a.pop(0), a.pop(2), a)
a.remove(1)
print(a, a.index(5), a.count(1), 4 in a, 8 not in a)
a.sort()
print(a)
a.reverse()
print(a)
b = a.copy()
b.append(100)
print(a == b, len(a), len(b))
print([1, 2] + [3], [0] * 3, [[0] * 2] * 2)
grid = [[0] * 3 for _ in range(2)]
grid[0][1] = 5
print(grid)
alias = [[0] * 2] * 2
alias[0][0] = 9
print(alias)
print([1, 2, 3] < [1, 2, 4], [1, 2] < [1, 2, 0], [] == [], [1] != [1.0])
a.clear()
print(a, bool(a))
nested = [1, [2, [3, [4]]]]
print(nested[1][1][1][0], len(nested))
print(list(range(3)), list("ab"), list((1, 2)), list({1: "a", 2: "b"}))
print(['a', 1.0, None, (1,), {'k': [1, 2]}, True, "q'uote"])
print("summary:", sum(grid[0]), len(b))
