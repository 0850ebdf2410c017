# Uncaught UnboundLocalError: assignment later in the function makes the name local.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
total = 100

def add_fee(fee):
    total = total + fee
    return total

print("total before", total)
add_fee(5)
