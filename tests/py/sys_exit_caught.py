# SystemExit can be caught; its code is visible. Then exit with the default code.
import sys
for arg in [0, 2, "text", None]:
    try:
        sys.exit(arg)
    except SystemExit as e:
        print("caught SystemExit with code", repr(e.code))
try:
    raise SystemExit(4)
except SystemExit as e:
    print("raised directly:", e.code)
print("summary: now exiting with no argument")
sys.exit()
