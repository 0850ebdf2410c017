# Walking exc.__traceback__: from the frame that caught it to the one that raised.
# (f_lineno of a frame still running is its live line, which threadplay does not
# track: only finished frames' f_lineno is printed.)
def inner(n):
    if n == 0:
        raise ValueError("bottom")
    return inner(n - 1)


def middle():
    return inner(2)


try:
    middle()
except ValueError as error:
    tb = error.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        finished = tb is not error.__traceback__
        line = tb.tb_frame.f_lineno if finished else "-"
        print(code.co_name, tb.tb_lineno, line, code.co_filename.endswith(".py"))
        tb = tb.tb_next

print(ValueError("never raised").__traceback__)
