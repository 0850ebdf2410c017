# repr() escapes what str.isprintable() rejects; translate() and maketrans();
# format_map(); the !a conversion; '%s' % an instance.
samples = ['\x7f\x80\x9f\xa0\xad', 'caf\xe9\u200b', '\u2028 line sep', 'emoji \U0001F600',
           'tag \U000E0001', 'nbsp\u00a0', 'soft\u00adhyphen', 'tab\there']
for text in samples:
    print(repr(text), text.isprintable(), text.isascii(), ascii(text))
print(''.isprintable(), ''.isascii())
table = str.maketrans('abc', 'xyz', 'd')
print(sorted(table.items()))
print('abcdd'.translate(table))
print('hello'.translate({104: 'J', 108: None}), 'x'.translate({120: 65}))
print(str.maketrans({'a': 'b', 98: None}))
for bad in [lambda: str.maketrans('ab', 'c'), lambda: str.maketrans([1]),
            lambda: str.maketrans({'ab': 1}), lambda: 'a'.translate({97: 1.5}),
            lambda: 'a'.translate({97: -1})]:
    try:
        print(bad())
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ':', e)
print('{a}-{b!a}-{b!r}'.format_map({'a': 1, 'b': 'caf\xe9'}))
print(f"{'caf\xe9'!a} {'x'!r}")
try:
    '{missing}'.format_map({})
except KeyError as e:
    print('KeyError:', e)


class Vec:
    def __init__(self, *parts):
        self.parts = parts

    def __repr__(self):
        return 'Vec' + repr(self.parts)

    def __rmod__(self, other):
        return 'rmod was asked'


v = Vec(3, -4)
print('%s | %r' % (v, v), '%s' % v)
for fmt in ['%s %s', 'no fields']:
    try:
        print(fmt % v)
    except TypeError as e:
        print('TypeError:', e)
print('summary: done')
