# typing: annotated programs run, and typing objects print as CPython prints them.
from typing import (Any, Optional, Union, List, Dict, Tuple, Set, FrozenSet, Callable, Iterable,
                    Iterator, Generator, Sequence, Mapping, Type, TypeVar, Generic, Protocol,
                    Final, ClassVar, Literal, Annotated, cast, TYPE_CHECKING, get_origin,
                    get_args, NewType, overload, final, Deque, DefaultDict)
import typing

T = TypeVar("T")
K = TypeVar("K", covariant=True)
N = TypeVar("N", int, float)
print(T, K, TypeVar("C", contravariant=True), N.__constraints__, T.__name__)
print(Any, Optional, Union, List, Dict, Callable, Iterable, Generator, Final, Literal)
print(List[int], Dict[str, List[int]], Tuple[int, ...], Tuple[int, str], Tuple[()], Set[T], FrozenSet[bytes] if False else FrozenSet[str])
print(Optional[int], Union[int, str], Union[int, None, str], Optional[Union[int, str]], Union[int], Union[int, int])
print(Callable[[int, str], bool], Callable[..., None], Callable[[], int])
print(Iterator[int], Generator[int, None, None], Sequence[float], Mapping[str, Any], Type[int])
print(Literal["a", 1, None], ClassVar[int], Final[str], Annotated[int, "meta"], Deque[int], DefaultDict[str, int])
print(Union[int, str] == Union[str, int], List[int] == List[int], Optional[int] == Union[None, int])
print(get_origin(List[int]), get_args(Dict[str, int]), get_origin(Union[int, str]) is Union,
      get_args(Callable[[int], str]), get_origin(int), get_args(int))
print(List[int].__origin__, List[int].__args__, Optional[str].__args__)
print(cast(int, "not checked"), cast("List[int]", 5), TYPE_CHECKING)
UserId = NewType("UserId", int)
print(UserId(7), UserId, UserId.__supertype__)
for bad in (lambda: List(), lambda: List[int, str], lambda: Union[()], lambda: Callable[int, str], lambda: Any()):
    try:
        bad()
    except TypeError as err:
        print("TypeError", err)


class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []

    def push(self, item: T) -> None:
        self.items.append(item)

    def pop(self) -> T:
        return self.items.pop()


s: Stack[int] = Stack()
s.push(1)
s.push(2)
print(s.pop(), Stack[int], Stack[str]().items, isinstance(s, Generic), T in Stack.__parameters__)


class Closable(Protocol):
    def close(self) -> None: ...


class Resource:
    def close(self) -> None:
        print("closed")


def shutdown(things: Iterable[Closable]) -> int:
    count = 0
    for thing in things:
        thing.close()
        count += 1
    return count


print(shutdown([Resource(), Resource()]))


class Config:
    MAX: Final = 10
    registry: ClassVar[Dict[str, int]] = {}
    name: str
    level: Optional[int] = None

    def __init__(self, name: str) -> None:
        self.name = name


def lookup(key: Union[str, int], default: Optional[Any] = None) -> Tuple[str, Any]:
    return str(key), default


print(lookup(3), Config("x").name, Config.MAX, sorted(Config.__annotations__))
print(lookup.__annotations__["return"], shutdown.__annotations__)


@overload
def area(x: int) -> int: ...
@overload
def area(x: float) -> float: ...
def area(x):
    return x * x


@final
def done() -> Literal[True]:
    return True


print(area(3), done(), typing.get_type_hints(Config)["level"])



def pep604(x: int | None = None, y: list[int] | dict[str, float] = None) -> tuple[int, ...]:
    return (x,)


print(pep604.__annotations__)
print(int | str | None, (int | str) == (str | int), list[int], dict[str, list[int]], tuple[()], type[int])
print(list[int]([1, 2]), (int | str).__args__, list[int].__origin__, int | int, Optional[int | str])
print(get_origin(int | None), get_args(int | None), get_args(list[int]))
try:
    int | 3
except TypeError as err:
    print("TypeError", err)
print("summary: typing ok")
