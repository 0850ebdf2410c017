# An exception raised in a finally block replaces the original one.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
def risky():
    try:
        raise ValueError("original problem")
    finally:
        print("finally running")
        raise RuntimeError("failure in finally")

risky()
