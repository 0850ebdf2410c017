# The sys module (no exit here).
import sys
print(sys.getswitchinterval())
sys.setswitchinterval(0.001)
print(sys.getswitchinterval())
sys.setswitchinterval(0.005)
print(sys.getswitchinterval())
print(sys.version_info[:2] >= (3, 8), sys.version_info.major, sys.version_info[0] == 3)
print(sys.maxsize, sys.maxsize == 2 ** 63 - 1)
print(type(sys.argv).__name__, len(sys.argv) >= 1)
print(sys.getrecursionlimit() >= 100)
sys.stdout.write("written directly\n")
print("to stderr", file=sys.stderr)
print("summary: sys ok")
