# The repr of set and frozenset subclasses names the class; list subclasses do not.


class S(set):
    pass


class F(frozenset):
    pass


class L(list):
    pass


print(repr(S({'q'})), repr(S()), repr(F({1})), repr(F()), repr(L([1])))
print(str(S({'q'})), f"{S()!r}", [S({2})], {'k': F({3})})


class R(set):
    def __repr__(self):
        return "R!"


print(repr(R()), [R({1})])
