# Exception raised inside a method.
class Inventory:
    def __init__(self):
        self.stock = {"bolt": 4}

    def take(self, item, n):
        have = self.stock[item]
        if n > have:
            raise ValueError(f"only {have} {item}s left, wanted {n}")
        self.stock[item] = have - n
        return self.stock[item]

inv = Inventory()
print("left:", inv.take("bolt", 3))
print("left:", inv.take("bolt", 3))
