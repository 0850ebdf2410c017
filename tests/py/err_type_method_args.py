# Wrong argument count for a method.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
class Account:
    def deposit(self, amount):
        return amount
acct = Account()
print(acct.deposit(5))
acct.deposit(5, 6)
