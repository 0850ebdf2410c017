# A traceback through several nested function calls.
def parse(text):
    return int(text)

def load(rows):
    return [parse(r) for r in rows]

def process(batch):
    values = load(batch)
    return sum(values)

def main():
    print("first batch", process(["1", "2"]))
    print("second batch", process(["3", "four"]))

main()
