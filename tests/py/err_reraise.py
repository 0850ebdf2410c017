# A bare raise re-raises the current exception with its original traceback.
def fetch(d, k):
    return d[k]

def guarded(d, k):
    try:
        return fetch(d, k)
    except KeyError:
        print("logging the failure for", repr(k))
        raise

print(guarded({"x": 1}, "x"))
guarded({"x": 1}, "y")
