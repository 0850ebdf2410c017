# An exception raised in a task is stored in the future and re-raised by result().
from concurrent.futures import ThreadPoolExecutor

class Missing(LookupError):
    pass

def lookup(key):
    table = {"a": 1}
    if key not in table:
        raise Missing("no key " + repr(key))
    return table[key]

with ThreadPoolExecutor(max_workers=2) as ex:
    good = ex.submit(lookup, "a")
    bad = ex.submit(lookup, "z")
    zero = ex.submit(divmod, 1, 0)
    print("good:", good.result(), good.exception())
    exc = bad.exception()
    print("bad.exception():", type(exc).__name__, exc)
    print("done:", bad.done(), "cancelled:", bad.cancelled())
    try:
        bad.result()
    except LookupError as e:
        print("result() re-raised:", type(e).__name__, e, e is exc)
    try:
        zero.result()
    except ZeroDivisionError as e:
        print("result() re-raised:", type(e).__name__, e)
    tb = exc.__traceback__
    frames = []
    while tb is not None:
        frames.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print("innermost frame:", frames[-1])
print("summary: future_exception ok")
