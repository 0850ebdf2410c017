# printf-style % formatting.
print("%s is %d years" % ("Bob", 42))
print("%r %r" % ("text", 1.5))
print("%5.2f|%-10s|%10s|" % (3.14159, "left", "right"))
print("%x %X %o %#x %#o" % (255, 255, 8, 255, 8))
print("100%% done" % ())
print("%d%%" % 50)
print("%(name)s has %(n)03d items" % {"name": "cart", "n": 7})
print("%s" % "single")
print("%s" % (1,))
print("%s" % [1, 2])
print("%e %E" % (12345.678, 0.00012))
print("%g %g %g" % (0.0001, 123456789, 1.5))
print("%+d % d %05d %-5d|" % (3, 3, 42, 42))
print("%c%c" % (72, "i"))
print("%.3s" % "abcdef")
print("%*d|%-*d|" % (5, 1, 4, 2))
print("%i %u" % (7, 8))
print("%s %s" % (None, True))
print("%d" % 3.99, "%f" % 2)
try:
    print("%d %d" % (1,))
except TypeError as e:
    print("TypeError:", e)
try:
    print("%d" % "x")
except TypeError as e:
    print("TypeError:", e)
try:
    print("%s %s" % (1, 2, 3))
except TypeError as e:
    print("TypeError:", e)
try:
    print("%(missing)s" % {"other": 1})
except KeyError as e:
    print("KeyError:", e)
print("summary:", "%d-%s" % (1, "ok"))
