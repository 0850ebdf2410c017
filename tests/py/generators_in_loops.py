# Generators run by for loops and folds: values seen by the loop body, the generator's
# state from inside and outside, and what happens when the body touches the generator.
def gstate(g):
    # What is left of it, without inspect (not in the sandbox).
    return list(g)


def count(n):
    for i in range(n):
        yield i


def skip_inside():
    g = count(10)
    seen = []
    for x in g:
        seen.append(x)
        if x % 3 == 0:
            seen.append(("skipped", next(g, None)))
    return seen


def send_inside():
    def echo():
        got = None
        while True:
            got = yield got
            if got == "stop":
                return
    g = echo()
    out = []
    for x in g:
        out.append(x)
        if len(out) > 4:
            break
        out.append(g.send(len(out)))
    g.close()
    out.append(next(g, "closed"))
    return out


def resume_after_break():
    g = count(8)
    first = []
    for x in g:
        first.append(x)
        if x == 2:
            break
    rest = list(g)
    return first, rest, gstate(g)


def running_state():
    states = []
    def watcher():
        for i in range(3):
            try:
                next(me)
            except ValueError as error:
                states.append(str(error))
            yield i
    me = watcher()
    for _ in me:
        states.append("between")
    states.append(gstate(me))
    return states


def self_iteration():
    def selfish():
        yield 1
        for y in me:
            yield y
    me = selfish()
    try:
        return list(me)
    except ValueError as error:
        return f"ValueError: {error}"


def stop_iteration_inside():
    def bad():
        yield 1
        raise StopIteration("inside")
    try:
        for x in bad():
            pass
    except RuntimeError as error:
        return f"RuntimeError: {error} (cause {error.__cause__!r})"


def error_in_generator_caught_by_loop_owner():
    def fails():
        yield 1
        yield 2
        raise KeyError("boom")
    got = []
    try:
        for x in fails():
            got.append(x)
    except KeyError as error:
        got.append(repr(error))
    return got


def error_in_body_then_continue():
    g = count(6)
    got = []
    for attempt in range(3):
        try:
            for x in g:
                got.append(x)
                if x % 2 == 1:
                    raise ValueError(x)
        except ValueError as error:
            got.append(("caught", error.args[0]))
    return got, gstate(g)


def nested_pipeline():
    def evens(src):
        for v in src:
            if v % 2 == 0:
                yield v
    def scaled(src, k):
        for v in src:
            yield v * k
    return sum(scaled(evens(count(100)), 3)), max(scaled(count(10), -1)), any(v > 50 for v in evens(count(60)))


def recursive_walk():
    def walk(tree):
        if isinstance(tree, list):
            for branch in tree:
                yield from walk(branch)
        else:
            yield tree
    tree = [1, [2, [3, [4, 5]], 6], [[7], 8]]
    out = []
    for leaf in walk(tree):
        out.append(leaf)
    return out


def exhausted_then_again():
    g = count(3)
    a = [x for x in g]
    b = [x for x in g]
    c = 0
    for _ in g:
        c += 1
    return a, b, c


def closed_inside_loop():
    g = count(10)
    got = []
    for x in g:
        got.append(x)
        if x == 3:
            g.close()
    return got, gstate(g)


def throw_inside_loop():
    def tolerant():
        n = 0
        while n < 6:
            try:
                yield n
            except ValueError:
                yield "handled"
            n += 1
    g = tolerant()
    got = []
    for x in g:
        got.append(x)
        if x == 2:
            got.append(g.throw(ValueError))
    return got


def generator_finally_on_loop_end():
    log = []
    def guarded():
        try:
            yield 1
            yield 2
        finally:
            log.append("finally")
    for x in guarded():
        log.append(x)
    return log


for case in (skip_inside, send_inside, resume_after_break, running_state, self_iteration,
             stop_iteration_inside, error_in_generator_caught_by_loop_owner,
             error_in_body_then_continue, nested_pipeline, recursive_walk,
             exhausted_then_again, closed_inside_loop, throw_inside_loop,
             generator_finally_on_loop_end):
    print(case.__name__, case())
