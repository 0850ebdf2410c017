# A Thread object runs its target once. After start() has been called, a second
# start() raises RuntimeError, even when the first run has long finished.
# To do the job again, build a fresh Thread.
import threading


def chore(run):
    print(f"chore done ({run} run)")


helper = threading.Thread(target=chore, args=("first",))
helper.start()
helper.join()

try:
    helper.start()  # the same object again: not allowed
except RuntimeError as problem:
    print(f"RuntimeError: {problem}")

# The fix: one new Thread object per run.
replacement = threading.Thread(target=chore, args=("second",))
replacement.start()
replacement.join()
print("main: finished")
