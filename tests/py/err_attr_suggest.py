# AttributeError with a "Did you mean" suggestion.
def banner(title):
    rule = "=" * len(title)
    return rule + "\n" + title + "\n" + rule

print(banner("start"))
steps = [n * n for n in range(4)]
print("warm-up:", steps)
class Config:
    def __init__(self):
        self.timeout = 30
        self.retries = 3
cfg = Config()
print(cfg.timeout, cfg.retries)
print(cfg.timout)
