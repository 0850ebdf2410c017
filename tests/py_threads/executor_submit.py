# ThreadPoolExecutor.submit / Future.result / shutdown(wait=True).
from concurrent.futures import ThreadPoolExecutor, Future

def power(base, exp=2):
    return base ** exp

ex = ThreadPoolExecutor(max_workers=2)
futures = [ex.submit(power, n) for n in range(6)]
print("futures:", all(isinstance(f, Future) for f in futures))
print("results:", [f.result() for f in futures])
f = ex.submit(power, 2, exp=10)
print("kwargs:", f.result(), f.done())
ex.shutdown(wait=True)
print("all done after shutdown:", all(f.done() for f in futures))

try:
    ex.submit(power, 1)
except RuntimeError as e:
    print("submit after shutdown:", e)
ex.shutdown()  # a second shutdown is harmless
print("second shutdown ok")

try:
    ThreadPoolExecutor(max_workers=0)
except ValueError as e:
    print("max_workers=0:", e)
print("summary: executor_submit ok")
