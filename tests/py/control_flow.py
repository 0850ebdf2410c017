# if/elif/else, for/while with break, continue and else.
def classify(n):
    if n < 0:
        return "neg"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "big"
print([classify(n) for n in (-5, 0, 3, 42)])
for i in range(10):
    if i % 2 == 0:
        continue
    if i > 7:
        break
    print("odd", i)
for n in range(2, 20):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print("prime", n)
i = 0
while i < 3:
    i += 1
else:
    print("while finished normally at", i)
while True:
    i += 1
    if i >= 6:
        break
else:
    print("never printed")
for x in []:
    print("never")
else:
    print("empty for runs else")
count = 0
while count < 100:
    count += 7
    if count % 5 == 0:
        print("multiple of 5 and 7:", count)
        break
print("yes" if count > 30 else "no", "pass" and "ok")
if not []:
    pass
print("summary:", count, i)
