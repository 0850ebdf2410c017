# Chapter listing "creating and starting a thread": start() returns at once,
# join() waits. An Event makes main's line come first for sure.
import threading
import time

main_spoke = threading.Event()

def welcome(person):
    main_spoke.wait()
    time.sleep(0.05)   # pretend to do some work
    print("Welcome, " + person + "!")

worker = threading.Thread(target=welcome, args=("Grace",))
worker.start()
print("worker launched; main keeps going")
main_spoke.set()
worker.join()
print("worker done")
print("summary: ch_start_join ok")
