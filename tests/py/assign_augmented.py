# Plain and augmented assignment with every operator.
x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 2; print(x)
x /= 4; print(x)
x //= 2; print(x)
x = 17
x %= 5; print(x)
x **= 3; print(x)
x <<= 2; print(x)
x >>= 1; print(x)
x &= 0b1110; print(x)
x |= 1; print(x)
x ^= 0b11; print(x)
s = "ab"
s += "cd"; s *= 2; print(s)
lst = [1]
alias = lst
lst += [2]
print(lst, alias, lst is alias)
t = (1,)
t2 = t
t += (2,)
print(t, t2)
a = b = c = 7
print(a, b, c)
d = {"n": 1}
d["n"] += 1
d.setdefault("m", 10)
d["m"] -= 1
print(d)
class Box:
    pass
box = Box()
box.v = 1
box.v *= 5
print(box.v)
lst[0] += 100
print(lst)
f = 1.5
f **= 2
print(f)
print("summary:", x, s, lst)
