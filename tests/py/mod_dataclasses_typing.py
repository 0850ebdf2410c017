# dataclasses with typing: ClassVar, InitVar, unsafe_hash, string annotations.
from dataclasses import dataclass, field, InitVar, fields
from typing import ClassVar, List, Optional
@dataclass
class Inv:
    items: List[str] = field(default_factory=list)
    limit: ClassVar[int] = 3
    scale: InitVar[int] = 1
    total: Optional[int] = None
    def __post_init__(self, scale):
        self.total = len(self.items) * scale
i = Inv(["a", "b"], 10)
print(i, Inv.limit, [f.name for f in fields(Inv)], Inv())
@dataclass(unsafe_hash=True)
class H:
    a: int
    b: list = field(default_factory=list, hash=False, compare=False)
print(hash(H(1)) == hash(H(1)), H(1) == H(1, [2]))
@dataclass
class Node:
    val: int
    next: "Optional[Node]" = None
n = Node(1, Node(2))
print(n)
print("summary: dataclasses with typing ok")
