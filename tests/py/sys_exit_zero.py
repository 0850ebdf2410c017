# sys.exit(0) stops the program with a zero exit code; finally blocks still run.
import sys
def main():
    print("working")
    try:
        sys.exit(0)
    finally:
        print("cleanup in finally")
    print("never reached")
main()
print("never reached either")
