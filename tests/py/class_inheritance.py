# Inheritance, overriding, super(), isinstance/issubclass, MRO basics.
class Shape:
    sides = 0
    def __init__(self, name):
        self.name = name
    def area(self):
        return 0
    def describe(self):
        return f"{self.name} with {self.sides} sides and area {self.area():.2f}"
class Rect(Shape):
    sides = 4
    def __init__(self, w, h):
        super().__init__("rect")
        self.w = w
        self.h = h
    def area(self):
        return self.w * self.h
class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)
        self.name = "square"
    def describe(self):
        return "SQ: " + super().describe()
class Circle(Shape):
    def __init__(self, r):
        Shape.__init__(self, "circle")
        self.r = r
    def area(self):
        return 3.14159 * self.r ** 2
shapes = [Rect(2, 3), Square(2), Circle(1), Shape("blob")]
for s in shapes:
    print(s.describe())
print(isinstance(shapes[1], Rect), isinstance(shapes[1], Shape), isinstance(shapes[2], Rect))
print(issubclass(Square, Shape), issubclass(Circle, Rect))
print([c.__name__ for c in Square.__mro__])
class A:
    def who(self):
        return "A"
class B(A):
    def who(self):
        return "B>" + super().who()
class C(A):
    def who(self):
        return "C>" + super().who()
class D(B, C):
    def who(self):
        return "D>" + super().who()
print(D().who(), [k.__name__ for k in D.__mro__])
class Base:
    def __init__(self):
        self.log = ["base"]
class Child(Base):
    def __init__(self, extra):
        super().__init__()
        self.log.append(extra)
print(Child("child").log)
print("summary:", sum(s.area() for s in shapes[:2]))
