print("never printed")


def plain():
    result = await compute()
    return result
