# Objects: a small class with methods, attribute reads and writes, a property.
import time


class Account:
    def __init__(self, owner):
        self.owner = owner
        self.balance = 0
        self.moves = 0

    def deposit(self, amount):
        self.balance += amount
        self.moves += 1

    @property
    def rich(self):
        return self.balance > 1000


began = time.perf_counter()
accounts = [Account(f"a{i}") for i in range(100)]
rich = 0
for step in range(200_000):
    account = accounts[step % 100]
    account.deposit(step % 7)
    if account.rich:
        rich += 1
print(f"{time.perf_counter() - began:.4f}")
