# Runs once on a worker before the first program of a page (src/web/warm_up.rs says
# when), and prints nothing. Browsers first run WebAssembly with a quick baseline
# compiler and switch a function to optimized code only when it is entered again after
# getting hot; the interpreter loop is one such function. Exercising the common paths
# here means the learner's first timed run already gets the optimized interpreter
# instead of paying for the switch.
import threading


class Tally:
    def __init__(self):
        self.count = 0


def spin(rounds):
    total = 0
    for number in range(rounds):
        total += number * 3 % 7
    return total


def take_turns(rounds, guard, tally):
    for _ in range(rounds):
        with guard:
            tally.count += 1


tally = Tally()
guard = threading.Lock()
for _ in range(3):
    spin(400_000)
    words = [f"{n}:{n * 2}" for n in range(2_000)]
    table = {word: len(word) for word in words}
    helper = threading.Thread(target=take_turns, args=(5_000, guard, tally))
    helper.start()
    take_turns(5_000, guard, tally)
    helper.join()
