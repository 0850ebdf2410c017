# A small OOP program: accounts, custom exceptions, class-level counters.
class InsufficientFunds(Exception):
    def __init__(self, needed, available):
        super().__init__(f"need {needed:.2f}, have {available:.2f}")
        self.needed = needed
        self.available = available

class Account:
    next_id = 1
    def __init__(self, owner, balance=0.0):
        self.id = Account.next_id
        Account.next_id += 1
        self.owner = owner
        self.balance = balance
        self.history = []
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("dep", amount))
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(amount, self.balance)
        self.balance -= amount
        self.history.append(("wd", amount))
    def __repr__(self):
        return f"Account#{self.id}({self.owner!r}, {self.balance:.2f})"

class Savings(Account):
    def __init__(self, owner, balance=0.0, rate=0.02):
        super().__init__(owner, balance)
        self.rate = rate
    def add_interest(self):
        interest = round(self.balance * self.rate, 2)
        self.deposit(interest)
        return interest

def transfer(src, dst, amount):
    try:
        src.withdraw(amount)
    except InsufficientFunds as e:
        print(f"transfer {src.owner}->{dst.owner} failed: {e}")
        return False
    dst.deposit(amount)
    return True

a = Account("ann", 100)
b = Savings("bob", 250.5, rate=0.1)
print(a, b)
print(transfer(a, b, 30), transfer(a, b, 500))
print("interest:", b.add_interest())
for bad in (0, -5):
    try:
        a.deposit(bad)
    except ValueError as e:
        print("ValueError:", e)
print(a, b, a.history, b.history)
print("summary:", round(a.balance + b.balance, 2), Account.next_id)
