# try/except/else/finally ordering.
def attempt(x):
    log = []
    try:
        log.append("try")
        r = 10 // x
    except ZeroDivisionError:
        log.append("except")
        r = None
    else:
        log.append("else")
    finally:
        log.append("finally")
    return r, log
print(attempt(2))
print(attempt(0))
def finally_return():
    try:
        return "from try"
    finally:
        print("finally runs before return")
print(finally_return())
def finally_overrides():
    try: return "try"
    finally: return "finally"
print(finally_overrides())
def finally_swallows():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"
print(finally_swallows())
for i in range(3):
    try:
        if i == 1:
            break
    finally:
        print("loop finally", i)
for i in range(3):
    try:
        if i < 2: continue
        print("reached", i)
    finally:
        print("continue finally", i)
try:
    try:
        raise KeyError("inner")
    finally:
        print("inner finally")
except KeyError as e:
    print("outer caught", e)
try:
    try:
        raise ValueError("first")
    finally:
        raise TypeError("from finally")
except Exception as e:
    print(type(e).__name__, e, "context:", repr(e.__context__))
print("summary:", attempt(5)[0])
