# Exception hierarchy, tuples of exception types, re-raise.
def risky(kind):
    if kind == "key":
        return {}["missing"]
    if kind == "index":
        return [][0]
    if kind == "zero":
        return 1 / 0
    if kind == "type":
        return "a" + 1
    if kind == "value":
        return int("x")
    if kind == "attr":
        return None.foo
    return "fine"
for kind in ["key", "index", "zero", "type", "value", "attr", "ok"]:
    try:
        result = risky(kind)
    except LookupError as e:
        print(kind, "LookupError branch:", type(e).__name__, e)
    except (TypeError, ValueError) as e:
        print(kind, "Type/Value branch:", type(e).__name__, e)
    except ArithmeticError as e:
        print(kind, "Arithmetic branch:", type(e).__name__, e)
    except Exception as e:
        print(kind, "Exception branch:", type(e).__name__, e)
    else:
        print(kind, "no error:", result)
for exc in [KeyError, IndexError, ZeroDivisionError, ValueError, SystemExit, KeyboardInterrupt, StopIteration]:
    print(exc.__name__, issubclass(exc, Exception), issubclass(exc, BaseException))
try:
    try:
        raise SystemExit(5)
    except Exception:
        print("not here")
except BaseException as e:
    print("BaseException caught", type(e).__name__, e.code)
def reraiser():
    try:
        [].pop()
    except IndexError:
        print("logging and re-raising")
        raise
try:
    reraiser()
except IndexError as e:
    print("re-raised:", e)
e = None
try:
    raise ValueError("scoped")
except ValueError as e:
    pass
try:
    print(e)
except NameError as err:
    print("NameError:", err)
print("summary: done")
