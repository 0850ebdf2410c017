//! The parser's unit tests: CPython 3.12's `SyntaxError`s for a table of wrong programs
//! (message, line and caret columns), precedence, locations, f-strings, and inputs that
//! must never panic or overflow the stack.

use super::*;

/// (source, kind, message, line, offset, end_offset), taken from CPython 3.12.1's
/// `compile()`. Where CPython's `end_offset` is 0 or -1, or before `offset` on the
/// same line (it then draws a single caret), `offset + 1` stands in for it.
const CPYTHON_SYNTAX_ERRORS: &[(&str, &str, &str, u32, u32, u32)] = &[
("def f():\n    x = await g()\n", "SyntaxError", "'await' outside async function", 2, 9, 18),
("await x\n", "SyntaxError", "'await' outside function", 1, 1, 8),
("x = 1\nasync def f():\n    return lambda: await g()\n", "SyntaxError", "'await' outside async function", 3, 20, 29),
("async def f():\n    await\n", "SyntaxError", "invalid syntax", 2, 10, 11),
("def f():\n    return [x async for x in y]\n", "SyntaxError", "asynchronous comprehension outside of an asynchronous function", 2, 12, 32),
("class A:\n    await x\n", "SyntaxError", "'await' outside function", 2, 5, 12),
("async def f():\n    def g():\n        await h()\n", "SyntaxError", "'await' outside async function", 3, 9, 18),
("async def f():\n    await await x\n", "SyntaxError", "invalid syntax", 2, 11, 16),
("async def f():\n    x = await\n", "SyntaxError", "invalid syntax", 2, 14, 15),
("if x\n  pass\n", "SyntaxError", "expected ':'", 1, 5, 6),
("if x\n", "SyntaxError", "expected ':'", 1, 5, 6),
("while x\n pass\n", "SyntaxError", "expected ':'", 1, 8, 9),
("for a in b\n pass\n", "SyntaxError", "expected ':'", 1, 11, 12),
("def f()\n pass\n", "SyntaxError", "expected ':'", 1, 8, 9),
("def f() x\n", "SyntaxError", "expected ':'", 1, 9, 10),
("class C\n pass\n", "SyntaxError", "expected ':'", 1, 8, 9),
("class C(A)\n pass\n", "SyntaxError", "expected ':'", 1, 11, 12),
("if x:\n pass\nelse\n pass\n", "SyntaxError", "expected ':'", 3, 5, 6),
("try\n pass\n", "SyntaxError", "expected ':'", 1, 4, 5),
("try:\n pass\nexcept\n pass\n", "SyntaxError", "expected ':'", 3, 7, 8),
("try:\n pass\nexcept E\n pass\n", "SyntaxError", "expected ':'", 3, 9, 10),
("with a as b\n pass\n", "SyntaxError", "expected ':'", 1, 12, 13),
("x = (1,\ny = 2\n", "SyntaxError", "'(' was never closed", 1, 5, 6),
("x = (1, 2\n", "SyntaxError", "'(' was never closed", 1, 5, 6),
("x = 1)\n", "SyntaxError", "unmatched ')'", 1, 6, 6),
("x = (1]\n", "SyntaxError", "closing parenthesis ']' does not match opening parenthesis '('", 1, 7, 7),
("x = (1,\n2]\n", "SyntaxError", "closing parenthesis ']' does not match opening parenthesis '(' on line 1", 2, 2, 2),
("x = = 3\n", "SyntaxError", "invalid syntax", 1, 5, 6),
("foo bar\n", "SyntaxError", "invalid syntax", 1, 5, 8),
("f(a b)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 3, 6),
("[a b c]\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 2, 5),
("x = 'abc\n", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5, 5),
("x = \"\"\"abc\n\n", "SyntaxError", "unterminated triple-quoted string literal (detected at line 2)", 1, 5, 5),
("x = 1\n    y = 2\n", "IndentationError", "unexpected indent", 2, 4, 5),
("if x:\npass\n", "IndentationError", "expected an indented block after 'if' statement on line 1", 2, 1, 5),
("if x:\n    a\n  b\n", "IndentationError", "unindent does not match any outer indentation level", 3, 4, 5),
("1 = x\n", "SyntaxError", "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 1, 2),
("f() = 1\n", "SyntaxError", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 1, 4),
("a + 1 = 2\n", "SyntaxError", "cannot assign to expression here. Maybe you meant '==' instead of '='?", 1, 1, 6),
("(a, 1) = x\n", "SyntaxError", "cannot assign to literal", 1, 5, 6),
("[a, f()] = x\n", "SyntaxError", "cannot assign to function call", 1, 5, 8),
("x = f() = 3\n", "SyntaxError", "cannot assign to function call", 1, 5, 8),
("return 1\n", "SyntaxError", "'return' outside function", 1, 1, 9),
("break\n", "SyntaxError", "'break' outside loop", 1, 1, 6),
("continue\n", "SyntaxError", "'continue' not properly in loop", 1, 1, 9),
("x = 1abc\n", "SyntaxError", "invalid decimal literal", 1, 5, 5),
("print 'hi'\n", "SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1, 11),
("print x\n", "SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1, 8),
("f(a=1, b)\n", "SyntaxError", "positional argument follows keyword argument", 1, 9, 10),
("def f(a=1, b): pass\n", "SyntaxError", "parameter without a default follows parameter with a default", 1, 12, 13),
("f'{x'\n", "SyntaxError", "f-string: expecting '}'", 1, 5, 5),
("f'{x!z}'\n", "SyntaxError", "f-string: invalid conversion character 'z': expected 's', 'r', or 'a'", 1, 6, 7),
("f'{}'\n", "SyntaxError", "f-string: valid expression required before '}'", 1, 4, 5),
("f'}'\n", "SyntaxError", "f-string: single '}' is not allowed", 1, 3, 3),
("yield 1\n", "SyntaxError", "'yield' outside function", 1, 1, 8),
("nonlocal x\n", "SyntaxError", "nonlocal declaration not allowed at module level", 1, 1, 11),
("def f():\n  x = 1\n  global x\n", "SyntaxError", "name 'x' is assigned to before global declaration", 3, 3, 11),
("x = 1 +\n", "SyntaxError", "invalid syntax", 1, 8, 9),
("if x = 3:\n pass\n", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 4, 9),
("while True:\n  pass\nelse:\n  break\n", "SyntaxError", "'break' outside loop", 4, 3, 8),
("x = 5 if y\n", "SyntaxError", "expected 'else' after 'if' expression", 1, 5, 11),
("a.b = 3 = 4\n", "SyntaxError", "cannot assign to literal", 1, 7, 8),
("del f()\n", "SyntaxError", "cannot delete function call", 1, 5, 8),
("for f() in x: pass\n", "SyntaxError", "cannot assign to function call", 1, 5, 8),
("x += 1 += 2\n", "SyntaxError", "invalid syntax", 1, 8, 10),
("f() += 1\n", "SyntaxError", "'function call' is an illegal expression for augmented assignment", 1, 1, 4),
("x: int, y: int = 1, 2\n", "SyntaxError", "invalid syntax", 1, 7, 8),
("[x]: int\n", "SyntaxError", "only single target (not list) can be annotated", 1, 1, 4),
("f'{x)}'\n", "SyntaxError", "f-string: unmatched ')'", 1, 5, 5),
("f'{x!}'\n", "SyntaxError", "f-string: missing conversion character", 1, 6, 7),
("f'{x! r}'\n", "SyntaxError", "f-string: conversion type must come right after the exclamanation mark", 1, 5, 8),
("f'abc\n", "SyntaxError", "unterminated f-string literal (detected at line 1)", 1, 1, 1),
("f'''abc\n", "SyntaxError", "unterminated triple-quoted f-string literal (detected at line 1)", 1, 1, 1),
("f'{x:abc'\n", "SyntaxError", "f-string: expecting '}', or format specs", 1, 9, 10),
("f'{x:abc\n", "SyntaxError", "'{' was never closed", 1, 3, 4),
("f'{\\'a\\'}'\n", "SyntaxError", "unexpected character after line continuation character", 1, 5, 6),
("f'{x!r=}'\n", "SyntaxError", "f-string: expecting ':' or '}'", 1, 7, 8),
("f'{lambda x: 1}'\n", "SyntaxError", "f-string: lambda expressions are not allowed without parentheses", 1, 4, 13),
("f'{yield}'\n", "SyntaxError", "'yield' outside function", 1, 4, 9),
("x = $\n", "SyntaxError", "invalid syntax", 1, 5, 6),
("x = a ? b\n", "SyntaxError", "invalid syntax", 1, 7, 8),
("x = `a`\n", "SyntaxError", "invalid syntax", 1, 5, 6),
("x = 5 ♥ 3\n", "SyntaxError", "invalid character '♥' (U+2665)", 1, 7, 7),
("x = 1 \\ 2\n", "SyntaxError", "unexpected character after line continuation character", 1, 8, 9),
("x = 1 \\", "SyntaxError", "unexpected EOF while parsing", 1, 8, 9),
("x = 0x\n", "SyntaxError", "invalid hexadecimal literal", 1, 6, 6),
("x = 0o8\n", "SyntaxError", "invalid digit '8' in octal literal", 1, 7, 7),
("x = 0b2\n", "SyntaxError", "invalid digit '2' in binary literal", 1, 7, 7),
("x = 1_\n", "SyntaxError", "invalid decimal literal", 1, 6, 6),
("x = 1__0\n", "SyntaxError", "invalid decimal literal", 1, 6, 6),
("x = 012\n", "SyntaxError", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 5, 6),
("x = 1e\n", "SyntaxError", "invalid decimal literal", 1, 5, 5),
("x = 1e+\n", "SyntaxError", "invalid decimal literal", 1, 7, 7),
("x = 1.e5x\n", "SyntaxError", "invalid decimal literal", 1, 8, 8),
("x = 0xfg\n", "SyntaxError", "invalid hexadecimal literal", 1, 7, 7),
("x = b'é'\n", "SyntaxError", "bytes can only contain ASCII literal characters", 1, 5, 9),
("x = '\\x4'\n", "SyntaxError", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape", 1, 5, 10),
("x = b'\\x4'\n", "SyntaxError", "(value error) invalid \\x escape at position 0", 1, 5, 11),
("x = 'ab\\x4'\n", "SyntaxError", "(unicode error) 'unicodeescape' codec can't decode bytes in position 2-4: truncated \\xXX escape", 1, 5, 12),
("x = 'a' b'b'\n", "SyntaxError", "cannot mix bytes and nonbytes literals", 1, 13, 14),
("x = b'a' f'b'\n", "SyntaxError", "cannot mix bytes and nonbytes literals", 1, 14, 15),
("x = rb'a' 'b'\n", "SyntaxError", "cannot mix bytes and nonbytes literals", 1, 14, 15),
("if x:\n\tpass\n        pass\n", "TabError", "inconsistent use of tabs and spaces in indentation", 3, 1, 2),
("if x:\n        pass\n\tpass\n", "TabError", "inconsistent use of tabs and spaces in indentation", 3, 1, 2),
("if x:\n  if y:\n    pass\n pass\n", "IndentationError", "unindent does not match any outer indentation level", 4, 6, 7),
("x = (\n", "SyntaxError", "'(' was never closed", 1, 5, 6),
("x = [1,\n  2,\n", "SyntaxError", "'[' was never closed", 1, 5, 6),
("x = {", "SyntaxError", "'{' was never closed", 1, 5, 6),
("if x:\n", "IndentationError", "expected an indented block after 'if' statement on line 1", 1, 6, 7),
("if x:\n  pass\n  else:\n", "SyntaxError", "invalid syntax", 3, 3, 7),
("def f():\n    if x:\n    y = 1\n", "IndentationError", "expected an indented block after 'if' statement on line 2", 3, 5, 6),
("def f():\n    if x:\ny = 1\n", "IndentationError", "expected an indented block after 'if' statement on line 2", 3, 0, 1),
("  x = 1\n", "IndentationError", "unexpected indent", 1, 2, 3),
("x = 1\n\ty = 2\n", "IndentationError", "unexpected indent", 2, 1, 2),
("x = bu'a'\n", "SyntaxError", "invalid syntax", 1, 7, 10),
("x = ur'a'\n", "SyntaxError", "invalid syntax", 1, 7, 10),
("x = b'abc\n", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5, 5),
("x = rb'abc\n", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5, 5),
("x = '''abc", "SyntaxError", "unterminated triple-quoted string literal (detected at line 1)", 1, 5, 5),
("x = 1\ny = '''abc\n\nz\n", "SyntaxError", "unterminated triple-quoted string literal (detected at line 4)", 2, 5, 5),
("x = f'{x}' f'{\n", "SyntaxError", "'{' was never closed", 1, 14, 15),
("x = (1 +\n  2]\n", "SyntaxError", "closing parenthesis ']' does not match opening parenthesis '(' on line 1", 2, 4, 4),
("print(1))\n", "SyntaxError", "unmatched ')'", 1, 9, 9),
("x = 1\n)\n", "SyntaxError", "unmatched ')'", 2, 1, 1),
("x = -\n", "SyntaxError", "invalid syntax", 1, 6, 7),
("if x:\n  pass\nelif\n", "SyntaxError", "invalid syntax", 3, 5, 6),
("else:\n  pass\n", "SyntaxError", "invalid syntax", 1, 1, 5),
("x = [1, 2 3]\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 9, 12),
("x = (1, 2 3\n", "SyntaxError", "'(' was never closed", 1, 5, 6),
("f(x for x in y, 1)\n", "SyntaxError", "Generator expression must be parenthesized", 1, 3, 15),
("f(1, x for x in y)\n", "SyntaxError", "Generator expression must be parenthesized", 1, 6, 18),
("def f(*): pass\n", "SyntaxError", "named arguments must follow bare *", 1, 7, 8),
("def f(a, a): pass\n", "SyntaxError", "duplicate argument 'a' in function definition", 1, 10, 11),
("lambda x:\n", "SyntaxError", "invalid syntax", 1, 10, 11),
("f(a.b=1)\n", "SyntaxError", "expression cannot contain assignment, perhaps you meant \"==\"?", 1, 3, 7),
("f(True=1)\n", "SyntaxError", "cannot assign to True", 1, 3, 8),
("f(**k, *a)\n", "SyntaxError", "iterable argument unpacking follows keyword argument unpacking", 1, 8, 9),
("f(**k, b)\n", "SyntaxError", "positional argument follows keyword argument unpacking", 1, 9, 10),
("f(a=1, a=2)\n", "SyntaxError", "keyword argument repeated: a", 1, 8, 11),
("x = *a\n", "SyntaxError", "can't use starred expression here", 1, 5, 7),
("*a = 1\n", "SyntaxError", "starred assignment target must be in a list or tuple", 1, 1, 3),
("*a, *b = c\n", "SyntaxError", "multiple starred expressions in assignment", 1, 1, 7),
("del *a, b\n", "SyntaxError", "cannot delete starred", 1, 5, 7),
("a < b = 1\n", "SyntaxError", "cannot assign to comparison", 1, 1, 6),
("a and b = 1\n", "SyntaxError", "cannot assign to expression", 1, 1, 8),
("True = 1\n", "SyntaxError", "cannot assign to True", 1, 1, 5),
("None = 1\n", "SyntaxError", "cannot assign to None", 1, 1, 5),
("(yield) = 1\n", "SyntaxError", "cannot assign to yield expression here. Maybe you meant '==' instead of '='?", 1, 2, 7),
("x = yield = 1\n", "SyntaxError", "assignment to yield expression not possible", 1, 5, 10),
("[x for f() in y]\n", "SyntaxError", "cannot assign to function call", 1, 8, 11),
("with a as f(): pass\n", "SyntaxError", "cannot assign to function call", 1, 11, 14),
("(f() := 1)\n", "SyntaxError", "cannot use assignment expressions with function call", 1, 2, 5),
("x := 1\n", "SyntaxError", "invalid syntax", 1, 3, 5),
("def f():\n  x = 1\n  nonlocal x\n", "SyntaxError", "name 'x' is assigned to before nonlocal declaration", 3, 3, 13),
("def f():\n  print(x)\n  global x\n", "SyntaxError", "name 'x' is used prior to global declaration", 3, 3, 11),
("def f(x):\n  global x\n", "SyntaxError", "name 'x' is parameter and global", 2, 3, 11),
("class C:\n  return 1\n", "SyntaxError", "'return' outside function", 2, 3, 11),
("def f():\n  class C:\n    yield 1\n", "SyntaxError", "'yield' outside function", 3, 5, 12),
("for x in y:\n  def f():\n    break\n", "SyntaxError", "'break' outside loop", 3, 5, 10),
("while x:\n  class C:\n    continue\n", "SyntaxError", "'continue' not properly in loop", 3, 5, 13),
("import a.b as\n", "SyntaxError", "invalid syntax", 1, 14, 15),
("from x import (a, b\n", "SyntaxError", "'(' was never closed", 1, 15, 16),
("from x import a,\n", "SyntaxError", "trailing comma not allowed without surrounding parentheses", 1, 17, 18),
("from x import *, a\n", "SyntaxError", "invalid syntax", 1, 16, 17),
("import *\n", "SyntaxError", "invalid syntax", 1, 8, 9),
("x = 1 if 2\n", "SyntaxError", "expected 'else' after 'if' expression", 1, 5, 11),
("x = 1 if 2 else\n", "SyntaxError", "invalid syntax", 1, 16, 17),
("a, b += 1\n", "SyntaxError", "'tuple' is an illegal expression for augmented assignment", 1, 1, 5),
("def f(**k, a): pass\n", "SyntaxError", "arguments cannot follow var-keyword argument", 1, 12, 13),
("def f(/, a): pass\n", "SyntaxError", "at least one argument must precede /", 1, 7, 8),
("def f(a, /, b, /): pass\n", "SyntaxError", "/ may appear only once", 1, 16, 17),
("def f(*, **k): pass\n", "SyntaxError", "named arguments must follow bare *", 1, 7, 8),
("def f(*a=1): pass\n", "SyntaxError", "var-positional argument cannot have default value", 1, 9, 10),
("global x, \n", "SyntaxError", "invalid syntax", 1, 11, 12),
("assert\n", "SyntaxError", "invalid syntax", 1, 7, 8),
("raise from x\n", "SyntaxError", "invalid syntax", 1, 7, 11),
("x = -", "SyntaxError", "invalid syntax", 1, 6, 7),
("x = ", "SyntaxError", "invalid syntax", 1, 5, 6),
("f'{x y}'\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 4, 7),
("f'{x=!}'\n", "SyntaxError", "f-string: missing conversion character", 1, 7, 8),
("f'{x:{y}'\n", "SyntaxError", "f-string: expecting '}', or format specs", 1, 9, 10),
("try:\n  pass\nx = 1\n", "SyntaxError", "expected 'except' or 'finally' block", 3, 1, 2),
("try:\n  pass\n", "SyntaxError", "expected 'except' or 'finally' block", 2, 7, 8),
("try:\n  pass\nexcept A, B:\n  pass\n", "SyntaxError", "multiple exception types must be parenthesized", 3, 8, 12),
("def f(*a, *b): pass\n", "SyntaxError", "* argument may appear only once", 1, 11, 12),
("def f(**a, **b): pass\n", "SyntaxError", "arguments cannot follow var-keyword argument", 1, 12, 14),
("def f(a, *): pass\n", "SyntaxError", "named arguments must follow bare *", 1, 10, 11),
("def f(*, a, /): pass\n", "SyntaxError", "/ must be ahead of *", 1, 13, 14),
("class C x:\n  pass\n", "SyntaxError", "invalid syntax", 1, 9, 10),
("for x in y z:\n  pass\n", "SyntaxError", "invalid syntax", 1, 12, 13),
("while x y:\n  pass\n", "SyntaxError", "invalid syntax", 1, 9, 10),
("x = [1, 2\ny = 3\n", "SyntaxError", "'[' was never closed", 1, 5, 6),
("def f(:\n  pass\n", "SyntaxError", "invalid syntax", 1, 7, 8),
("if x:\n  pass\n else:\n  pass\n", "IndentationError", "unindent does not match any outer indentation level", 3, 7, 8),
("{a: 1, b}\n", "SyntaxError", "':' expected after dictionary key", 1, 8, 9),
("{a: }\n", "SyntaxError", "expression expected after dictionary key and ':'", 1, 3, 4),
("x = (*a)\n", "SyntaxError", "cannot use starred expression here", 1, 6, 8),
("f(x for x in y,)\n", "SyntaxError", "Generator expression must be parenthesized", 1, 3, 15),
("x = 1 <> 2\n", "SyntaxError", "invalid syntax", 1, 7, 9),
("class = 5\n", "SyntaxError", "invalid syntax", 1, 7, 8),
("x.if = 3\n", "SyntaxError", "invalid syntax", 1, 3, 5),
("import a.if\n", "SyntaxError", "invalid syntax", 1, 10, 12),
("a = 1; b = \n", "SyntaxError", "invalid syntax", 1, 12, 13),
("lambda x\n", "SyntaxError", "invalid syntax", 1, 9, 10),
("x = [i for i in]\n", "SyntaxError", "invalid syntax", 1, 16, 17),
("else if x:\n  pass\n", "SyntaxError", "invalid syntax", 1, 1, 5),
("if x:\n  pass\nelse if y:\n  pass\n", "SyntaxError", "expected ':'", 3, 6, 8),
("def f():\n    return\n  x = 1\n", "IndentationError", "unindent does not match any outer indentation level", 3, 8, 9),
("print('a' 'b' c)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 7, 16),
("f(a, b c=1)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 6, 9),
("x = {1 2}\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 6, 9),
("x = [*a b]\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 7, 10),
("x = [_ b]\n", "SyntaxError", "invalid syntax", 1, 8, 9),
("x = (a if b else c d)\n", "SyntaxError", "invalid syntax", 1, 20, 21),
("f(x=a b)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 5, 8),
("while x:\npass\n", "IndentationError", "expected an indented block after 'while' statement on line 1", 2, 1, 5),
("for x in y:\npass\n", "IndentationError", "expected an indented block after 'for' statement on line 1", 2, 1, 5),
("def f():\npass\n", "IndentationError", "expected an indented block after function definition on line 1", 2, 1, 5),
("class C:\npass\n", "IndentationError", "expected an indented block after class definition on line 1", 2, 1, 5),
("try:\npass\n", "IndentationError", "expected an indented block after 'try' statement on line 1", 2, 1, 5),
("try:\n  pass\nexcept:\npass\n", "IndentationError", "expected an indented block after 'except' statement on line 3", 4, 1, 5),
("try:\n  pass\nfinally:\npass\n", "IndentationError", "expected an indented block after 'finally' statement on line 3", 4, 1, 5),
("with a:\npass\n", "IndentationError", "expected an indented block after 'with' statement on line 1", 2, 1, 5),
("if x:\n  pass\nelse:\npass\n", "IndentationError", "expected an indented block after 'else' statement on line 3", 4, 1, 5),
("if x:\n  pass\nelif y:\npass\n", "IndentationError", "expected an indented block after 'elif' statement on line 3", 4, 1, 5),
("try:\n  pass\nexcept E as e:\npass\n", "IndentationError", "expected an indented block after 'except' statement on line 3", 4, 1, 5),
("for x in y:\n  pass\nelse:\npass\n", "IndentationError", "expected an indented block after 'else' statement on line 3", 4, 1, 5),
("def f():\n  x = 1\n\ndef g():\nreturn 2\n", "IndentationError", "expected an indented block after function definition on line 4", 5, 1, 7),
("x = 'abc\ny = 2\n", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5, 5),
("print('hello)\n", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 7, 7),
("print(\"hello)\n", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 7, 7),
("s = \"\"\"abc\n", "SyntaxError", "unterminated triple-quoted string literal (detected at line 1)", 1, 5, 5),
("x = f'abc{x'\n", "SyntaxError", "f-string: expecting '}'", 1, 12, 12),
("if x:\n    y = 1\n   z = 2\n", "IndentationError", "unindent does not match any outer indentation level", 3, 9, 10),
("def f():\n    return 1\n        x = 2\n", "IndentationError", "unexpected indent", 3, 8, 9),
("print('x'\n", "SyntaxError", "'(' was never closed", 1, 6, 7),
("print('x'\nprint('y')\n", "SyntaxError", "'(' was never closed", 1, 6, 7),
("x = [1, 2, 3\nprint(x)\n", "SyntaxError", "'[' was never closed", 1, 5, 6),
("def f(x):\n    return x\nprint(f(1)\n", "SyntaxError", "'(' was never closed", 3, 6, 7),
("foo(\n", "SyntaxError", "'(' was never closed", 1, 4, 5),
("if x == 1\n    pass\n", "SyntaxError", "expected ':'", 1, 10, 11),
("x = 3 +* 4\n", "SyntaxError", "invalid syntax", 1, 8, 9),
("for i in range(10) print(i)\n", "SyntaxError", "invalid syntax", 1, 20, 25),
("print('a'\n     'b'\n", "SyntaxError", "'(' was never closed", 1, 6, 7),
("x = )\n", "SyntaxError", "unmatched ')'", 1, 5, 5),
("def f(x y): pass\n", "SyntaxError", "invalid syntax", 1, 9, 10),
("x = y z\n", "SyntaxError", "invalid syntax", 1, 7, 8),
("x = {'a': 1 'b': 2}\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 11, 16),
("f(1 2)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 3, 6),
("import\n", "SyntaxError", "invalid syntax", 1, 7, 8),
("from x import\n", "SyntaxError", "invalid syntax", 1, 14, 15),
("def():\n  pass\n", "SyntaxError", "invalid syntax", 1, 4, 5),
("class:\n  pass\n", "SyntaxError", "invalid syntax", 1, 6, 7),
("x = [1, 2,, 3]\n", "SyntaxError", "invalid syntax", 1, 11, 12),
("x = 1 = 2\n", "SyntaxError", "cannot assign to literal", 1, 5, 6),
("x == 1 = 2\n", "SyntaxError", "cannot assign to comparison", 1, 1, 7),
("'a' = 1\n", "SyntaxError", "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 1, 4),
("x + 1 += 1\n", "SyntaxError", "'expression' is an illegal expression for augmented assignment", 1, 1, 6),
("[a, b] += 1\n", "SyntaxError", "'list' is an illegal expression for augmented assignment", 1, 1, 7),
("f'{a!r'\n", "SyntaxError", "f-string: expecting '}'", 1, 6, 6),
("f'{a:'\n", "SyntaxError", "f-string: expecting '}', or format specs", 1, 6, 7),
("f'{'\n", "SyntaxError", "f-string: expecting '}'", 1, 4, 4),
("f'{a b}'\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 4, 7),
("f'{a}}'\n", "SyntaxError", "f-string: single '}' is not allowed", 1, 6, 6),
("f'{{a}'\n", "SyntaxError", "f-string: single '}' is not allowed", 1, 6, 6),
("x = 5\ndef f():\n    print(x)\n    x = 3\n    global x\n", "SyntaxError", "name 'x' is used prior to global declaration", 5, 5, 13),
("def f(a):\n    nonlocal a\n", "SyntaxError", "name 'a' is parameter and nonlocal", 2, 5, 15),
("class C:\n    nonlocal x\n", "SyntaxError", "no binding for nonlocal 'x' found", 2, 5, 15),
("x = lambda: yield\n", "SyntaxError", "invalid syntax", 1, 13, 18),
("if x:\n    pass\n  elif y:\n    pass\n", "IndentationError", "unindent does not match any outer indentation level", 3, 10, 11),
("def f(a, b=1, c): pass\n", "SyntaxError", "parameter without a default follows parameter with a default", 1, 15, 16),
("lambda a=1, b: 0\n", "SyntaxError", "parameter without a default follows parameter with a default", 1, 13, 14),
("f(a=1, 2)\n", "SyntaxError", "positional argument follows keyword argument", 1, 9, 10),
("f(*a, b=1, c)\n", "SyntaxError", "positional argument follows keyword argument", 1, 13, 14),
("print 'hello world'\n", "SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1, 20),
("print x, y\n", "SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1, 11),
("exec 'code'\n", "SyntaxError", "Missing parentheses in call to 'exec'. Did you mean exec(...)?", 1, 1, 12),
("x = 0777\n", "SyntaxError", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 5, 6),
("x = 1.2.3\n", "SyntaxError", "invalid syntax", 1, 8, 10),
("x = 1_000_\n", "SyntaxError", "invalid decimal literal", 1, 10, 10),
("x = 0b\n", "SyntaxError", "invalid binary literal", 1, 6, 6),
("x = 0o\n", "SyntaxError", "invalid octal literal", 1, 6, 6),
("x = 0xg\n", "SyntaxError", "invalid hexadecimal literal", 1, 6, 6),
("x = 5abc\n", "SyntaxError", "invalid decimal literal", 1, 5, 5),
("x = 3.14abc\n", "SyntaxError", "invalid decimal literal", 1, 8, 8),
("x = 1e5e\n", "SyntaxError", "invalid decimal literal", 1, 7, 7),
("a, b: int\n", "SyntaxError", "only single target (not tuple) can be annotated", 1, 1, 2),
("(a, b): int\n", "SyntaxError", "only single target (not tuple) can be annotated", 1, 1, 7),
("f(): int\n", "SyntaxError", "illegal target for annotation", 1, 1, 4),
("x = (1 for x in y, 2)\n", "SyntaxError", "invalid syntax", 1, 18, 19),
("x = [*a for a in b]\n", "SyntaxError", "iterable unpacking cannot be used in comprehension", 1, 6, 8),
("x = {**a for a in b}\n", "SyntaxError", "dict unpacking cannot be used in dict comprehension", 1, 6, 8),
("del 1\n", "SyntaxError", "cannot delete literal", 1, 5, 6),
("del a + b\n", "SyntaxError", "cannot delete expression", 1, 5, 10),
("for 1 in x: pass\n", "SyntaxError", "cannot assign to literal", 1, 5, 6),
("for x + 1 in y: pass\n", "SyntaxError", "cannot assign to expression", 1, 5, 10),
("with a as 1: pass\n", "SyntaxError", "cannot assign to literal", 1, 11, 12),
("[x for 1 in y]\n", "SyntaxError", "cannot assign to literal", 1, 8, 9),
("x = {1: 2, 3}\n", "SyntaxError", "':' expected after dictionary key", 1, 12, 13),
("x := 5\n", "SyntaxError", "invalid syntax", 1, 3, 5),
("(x.y := 5)\n", "SyntaxError", "cannot use assignment expressions with attribute", 1, 2, 5),
("def f(x=1, /, y): pass\n", "SyntaxError", "parameter without a default follows parameter with a default", 1, 15, 16),
("break\ncontinue\n", "SyntaxError", "'break' outside loop", 1, 1, 6),
("def f():\n    break\n", "SyntaxError", "'break' outside loop", 2, 5, 10),
("for x in y:\n    class C:\n        break\n", "SyntaxError", "'break' outside loop", 3, 9, 14),
("while x:\n    def g():\n        continue\n", "SyntaxError", "'continue' not properly in loop", 3, 9, 17),
("x = 1\nreturn x\n", "SyntaxError", "'return' outside function", 2, 1, 9),
("yield\n", "SyntaxError", "'yield' outside function", 1, 1, 6),
("x = yield\n", "SyntaxError", "'yield' outside function", 1, 5, 10),
("class C:\n    yield\n", "SyntaxError", "'yield' outside function", 2, 5, 10),
("def f():\n    def g():\n        nonlocal y\n", "SyntaxError", "no binding for nonlocal 'y' found", 3, 9, 19),
("global x\nx = 1\nglobal x\n", "SyntaxError", "name 'x' is assigned to before global declaration", 3, 1, 9),
("import a.b.c as\n", "SyntaxError", "invalid syntax", 1, 16, 17),
("def f():\n    from x import *\n", "SyntaxError", "import * only allowed at module level", 2, 19, 20),
("x = 'a' 'b' b'c'\n", "SyntaxError", "cannot mix bytes and nonbytes literals", 1, 17, 18),
("x = f'{x}' b'y'\n", "SyntaxError", "cannot mix bytes and nonbytes literals", 1, 16, 17),
("\tif x:\n pass\n", "IndentationError", "unexpected indent", 1, 1, 2),
("if x:\n\tpass\n    pass\n", "IndentationError", "unindent does not match any outer indentation level", 3, 9, 10),
("x = (\n  1,\n  2\n", "SyntaxError", "'(' was never closed", 1, 5, 6),
("x = [\n  1,\n  2\n\ny = 3\n", "SyntaxError", "'[' was never closed", 1, 5, 6),
("def f(\n  a,\n  b\n\nx = 1\n", "SyntaxError", "'(' was never closed", 1, 6, 7),
("def f():\n    return [(yield x) for x in y]\n", "SyntaxError", "'yield' inside list comprehension", 2, 14, 21),
("def f():\n    return {(yield): 1 for x in y}\n", "SyntaxError", "'yield' inside dict comprehension", 2, 14, 19),
("x = ((yield) for x in y)\n", "SyntaxError", "'yield' inside generator expression", 1, 7, 12),
("x = [(yield from z) for x in y]\n", "SyntaxError", "'yield' inside list comprehension", 1, 7, 19),
("whlie x < 3:\n    x += 1\n", "SyntaxError", "invalid syntax", 1, 7, 8),
("for i in range(10)\n    print(i)\n", "SyntaxError", "expected ':'", 1, 19, 20),
("def greet(name)\n    print('hi', name)\n", "SyntaxError", "expected ':'", 1, 16, 17),
("def greet(name):\nprint('hi', name)\n", "IndentationError", "expected an indented block after function definition on line 1", 2, 1, 6),
("if x == 1:\n    print('one')\n  else:\n    print('other')\n", "IndentationError", "unindent does not match any outer indentation level", 3, 8, 9),
("import threading\n\ndef worker():\n    print('working'\n\nt = threading.Thread(target=worker)\nt.start()\n", "SyntaxError", "'(' was never closed", 4, 10, 11),
("x = [1, 2, 3\nfor i in x:\n    print(i)\n", "SyntaxError", "'[' was never closed", 1, 5, 6),
("d = {'a': 1\n     'b': 2}\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 11, 9),
("d = {'a': 1,\n     'b': 2\nprint(d)\n", "SyntaxError", "'{' was never closed", 1, 5, 6),
("print('unclosed)\nprint('next')\n", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 7, 7),
("s = 'it's'\n", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 10, 10),
("s = \"say \"hi\"\"\n", "SyntaxError", "invalid syntax", 1, 11, 13),
("if x = 5:\n    pass\n", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 4, 9),
("while x = 5:\n    pass\n", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 7, 12),
("elif x:\n    pass\n", "SyntaxError", "invalid syntax", 1, 1, 5),
("def f():\n    return\nreturn 5\n", "SyntaxError", "'return' outside function", 3, 1, 9),
("class A:\ndef f(self): pass\n", "IndentationError", "expected an indented block after class definition on line 1", 2, 1, 4),
("def f(self):\n    pass\n  def g(self):\n    pass\n", "IndentationError", "unindent does not match any outer indentation level", 3, 15, 16),
("x = 5\nif x > 3:\n    print('big')\n    else:\n    print('small')\n", "SyntaxError", "invalid syntax", 4, 5, 9),
("for i in range(3):\nprint(i)\n", "IndentationError", "expected an indented block after 'for' statement on line 1", 2, 1, 6),
("lock.acquire(\nprint('x')\n", "SyntaxError", "'(' was never closed", 1, 13, 14),
("t = Thread(target=f, args=(1,)\nt.start()\n", "SyntaxError", "'(' was never closed", 1, 11, 12),
("print(f'{x')\n", "SyntaxError", "f-string: expecting '}'", 1, 11, 11),
("print(f'{x!}')\n", "SyntaxError", "f-string: missing conversion character", 1, 12, 13),
("print(f\"{x:{y}\")\n", "SyntaxError", "closing parenthesis ')' does not match opening parenthesis '{'", 1, 16, 16),
("x = 10\ny = x +\nprint(y)\n", "SyntaxError", "invalid syntax", 2, 8, 9),
("def f(x, y):\n    return x + y\nf(1, 2, )\nf(,)\n", "SyntaxError", "invalid syntax", 4, 3, 4),
("f(1,,2)\n", "SyntaxError", "invalid syntax", 1, 5, 6),
("x = (1, 2))\n", "SyntaxError", "unmatched ')'", 1, 11, 11),
("def f():\n    x = 1\n     y = 2\n", "IndentationError", "unexpected indent", 3, 5, 6),
("try:\n    x = 1\nprint(x)\n", "SyntaxError", "expected 'except' or 'finally' block", 3, 1, 6),
("try:\n    x = 1\nexcept ValueError\n    pass\n", "SyntaxError", "expected ':'", 3, 18, 19),
("with open('f') as f\n    pass\n", "SyntaxError", "expected ':'", 1, 20, 21),
("class Foo(object)\n    pass\n", "SyntaxError", "expected ':'", 1, 18, 19),
("x = 1 +* 2\n", "SyntaxError", "invalid syntax", 1, 8, 9),
("x == 5\nx === 5\n", "SyntaxError", "invalid syntax", 2, 5, 6),
("print('a' + 'b'\n", "SyntaxError", "'(' was never closed", 1, 6, 7),
("if (x > 3:\n    pass\n", "SyntaxError", "invalid syntax", 1, 10, 11),
("if x > 3):\n    pass\n", "SyntaxError", "unmatched ')'", 1, 9, 9),
("def f(a, b:\n    pass\n", "SyntaxError", "'(' was never closed", 1, 6, 7),
("x = [i for i in range(10) if i % 2 == 0\n", "SyntaxError", "'[' was never closed", 1, 5, 6),
("nums = [1, 2, 3]]\n", "SyntaxError", "unmatched ']'", 1, 17, 17),
("def f(*args, **kwargs, x): pass\n", "SyntaxError", "arguments cannot follow var-keyword argument", 1, 24, 25),
("lambda x: yield x\n", "SyntaxError", "invalid syntax", 1, 11, 16),
("global\n", "SyntaxError", "invalid syntax", 1, 7, 8),
("def f():\n    # only comment\n", "IndentationError", "expected an indented block after function definition on line 1", 2, 19, 20),
("def f():\n    # only comment\nx = 1\n", "IndentationError", "expected an indented block after function definition on line 1", 3, 1, 2),
("if True:\n    pass\n\n\n\n  x = 1\n", "IndentationError", "unindent does not match any outer indentation level", 6, 8, 9),
("x = 5 6\n", "SyntaxError", "invalid syntax", 1, 7, 8),
("x = 'a' 'b' c\n", "SyntaxError", "invalid syntax", 1, 13, 14),
("print(1 2 3)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 7, 10),
("foo(bar baz)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 5, 12),
("x = {1: 2 3: 4}\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 9, 12),
("a = 1\nb = 2\nc = a b\n", "SyntaxError", "invalid syntax", 3, 7, 8),
("true = True\nif x is true\n    pass\n", "SyntaxError", "expected ':'", 2, 13, 14),
("x = [1, 2, 3,]\ny = (1, 2, 3,,)\n", "SyntaxError", "invalid syntax", 2, 14, 15),
("def 1f(): pass\n", "SyntaxError", "invalid decimal literal", 1, 5, 5),
("1x = 5\n", "SyntaxError", "invalid decimal literal", 1, 1, 1),
("x.1 = 5\n", "SyntaxError", "invalid syntax", 1, 2, 4),
("x = 5.\ny = .5\nz = 5.e\n", "SyntaxError", "invalid decimal literal", 3, 6, 6),
("import a as 1\n", "SyntaxError", "invalid syntax", 1, 13, 14),
("from . import\n", "SyntaxError", "invalid syntax", 1, 14, 15),
("x = not\n", "SyntaxError", "invalid syntax", 1, 8, 9),
("x = a if else b\n", "SyntaxError", "invalid syntax", 1, 10, 14),
("x = [1, 2\n\n\n\ny = 2\n", "SyntaxError", "'[' was never closed", 1, 5, 6),
("print('hello'))\n", "SyntaxError", "unmatched ')'", 1, 15, 15),
("if x:\n    pass\nelse:\n    pass\nelse:\n    pass\n", "SyntaxError", "invalid syntax", 5, 1, 5),
("def f(a, a=1): pass\n", "SyntaxError", "duplicate argument 'a' in function definition", 1, 10, 11),
("f(x=1, x=2)\n", "SyntaxError", "keyword argument repeated: x", 1, 8, 11),
("class C(metaclass=M, metaclass=N): pass\n", "SyntaxError", "keyword argument repeated: metaclass", 1, 22, 33),
("x = yield from\n", "SyntaxError", "invalid syntax", 1, 15, 16),
("def f():\n    yield from\n", "SyntaxError", "invalid syntax", 2, 15, 16),
("for x in range(3):\n    pass\nelse\n    pass\n", "SyntaxError", "expected ':'", 3, 5, 6),
("while True\n    pass\n", "SyntaxError", "expected ':'", 1, 11, 12),
("x = f(a)(b\n", "SyntaxError", "'(' was never closed", 1, 9, 10),
("del\n", "SyntaxError", "invalid syntax", 1, 4, 5),
("raise X from\n", "SyntaxError", "invalid syntax", 1, 13, 14),
("x: = 5\n", "SyntaxError", "invalid syntax", 1, 4, 5),
("x: int = \n", "SyntaxError", "invalid syntax", 1, 10, 11),
("print(x for x in y for)\n", "SyntaxError", "invalid syntax", 1, 23, 24),
("@\ndef f(): pass\n", "SyntaxError", "invalid syntax", 1, 2, 3),
("@dec\nx = 1\n", "SyntaxError", "invalid syntax", 2, 1, 2),
("class C:\n    x = 1\n    def f(self):\n        return self.x\n  y = 2\n", "IndentationError", "unindent does not match any outer indentation level", 5, 8, 9),
("if x:\n    y = 1\n        z = 2\n", "IndentationError", "unexpected indent", 3, 8, 9),
("def f():\nreturn 1\n", "IndentationError", "expected an indented block after function definition on line 1", 2, 1, 7),
("x = '''abc\ndef\n", "SyntaxError", "unterminated triple-quoted string literal (detected at line 2)", 1, 5, 5),
("x = \"abc\n", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5, 5),
("x = 1 # comment\n    y = 2\n", "IndentationError", "unexpected indent", 2, 4, 5),
("\n\n\n    x = 1\n", "IndentationError", "unexpected indent", 4, 4, 5),
("x = (\n1 +\n)\n", "SyntaxError", "invalid syntax", 3, 1, 2),
("x = [\n    1,\n    2\n    3,\n]\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 3, 5, 6),
("print('a', end='' sep='')\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 16, 22),
("print('a',, 'b')\n", "SyntaxError", "invalid syntax", 1, 11, 12),
("if x:", "IndentationError", "expected an indented block after 'if' statement on line 1", 1, 6, 7),
("if x:\n\n\n", "IndentationError", "expected an indented block after 'if' statement on line 1", 3, 1, 2),
("if x:\n  \n", "IndentationError", "expected an indented block after 'if' statement on line 1", 2, 3, 4),
("if x:\n# c\n\n", "IndentationError", "expected an indented block after 'if' statement on line 1", 3, 1, 2),
("if x:\n    # only\n", "IndentationError", "expected an indented block after 'if' statement on line 1", 2, 11, 12),
("try:\n  pass\n\n# c\n", "SyntaxError", "expected 'except' or 'finally' block", 4, 4, 5),
("try:\n  pass\n  # c", "SyntaxError", "expected 'except' or 'finally' block", 3, 6, 7),
("def f():\n  if x:\n\n", "IndentationError", "expected an indented block after 'if' statement on line 2", 3, 1, 2),
("def f():\n  if x:\n  # c\n", "IndentationError", "expected an indented block after 'if' statement on line 2", 3, 6, 7),
("f'{x!r'\n", "SyntaxError", "f-string: expecting '}'", 1, 6, 6),
("f'{x='\n", "SyntaxError", "f-string: expecting '}'", 1, 6, 6),
("print(f'{x:{y}')\n", "SyntaxError", "closing parenthesis ')' does not match opening parenthesis '{'", 1, 16, 16),
("f'{x:abc' + 1\n", "SyntaxError", "f-string: expecting '}', or format specs", 1, 9, 10),
("d = {'a': 1\n     'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb': 2}\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 11, 12),
("d = [a\n b]\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 6, 3),
("f(a\n  bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 3, 4),
("x = (1 +\n 2 = 3)\n", "SyntaxError", "cannot assign to expression here. Maybe you meant '==' instead of '='?", 1, 6, 3),
("class C:\n", "IndentationError", "expected an indented block after class definition on line 1", 1, 9, 10),
("while x:\n\n", "IndentationError", "expected an indented block after 'while' statement on line 1", 2, 1, 2),
("for x in y:\n    pass\nelse:\n", "IndentationError", "expected an indented block after 'else' statement on line 3", 3, 6, 7),
("x = (a = 1)\n", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 6, 11),
("x = [a = 1]\n", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 6, 11),
("x = [1, a = 1]\n", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 9, 14),
("x = {a = 1}\n", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 6, 11),
("x = a[b = 1]\n", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 7, 12),
("print((a = 1))\n", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 8, 13),
("x = (f() = 1)\n", "SyntaxError", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 6, 9),
("x = (a, b = 1)\n", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 9, 14),
("x = (True = 1)\n", "SyntaxError", "invalid syntax", 1, 11, 12),
("x = ([a] = 1)\n", "SyntaxError", "invalid syntax", 1, 10, 11),
("x = (a.b = 1)\n", "SyntaxError", "cannot assign to attribute here. Maybe you meant '==' instead of '='?", 1, 6, 9),
("assert x = 1\n", "SyntaxError", "invalid syntax", 1, 10, 11),
("return x = 1\n", "SyntaxError", "invalid syntax", 1, 10, 11),
("while f() = 1: pass\n", "SyntaxError", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 7, 10),
("if x.y = 1: pass\n", "SyntaxError", "cannot assign to attribute here. Maybe you meant '==' instead of '='?", 1, 4, 7),
("if x = y = 1: pass\n", "SyntaxError", "invalid syntax", 1, 6, 7),
("elif = 3\n", "SyntaxError", "invalid syntax", 1, 1, 5),
("for x in y = 3: pass\n", "SyntaxError", "invalid syntax", 1, 12, 13),
("if x  # comment\n    pass\n", "SyntaxError", "expected ':'", 1, 7, 17),
("x = 1 +  # c\n", "SyntaxError", "invalid syntax", 1, 10, 14),
("print(x[])\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 7, 10),
("x = a[]\n", "SyntaxError", "invalid syntax", 1, 7, 8),
("x = f(a[], 1)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 7, 10),
("def f()  # c\n  pass\n", "SyntaxError", "expected ':'", 1, 10, 14),
("x = (1,  # c\n", "SyntaxError", "'(' was never closed", 1, 5, 6),
("if x:  # c\n", "IndentationError", "expected an indented block after 'if' statement on line 1", 1, 11, 12),
("x = (\n  1 2  # c\n)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 2, 3, 6),

];

fn parse(source: &str) -> Result<Vec<Stmt>, CompileError> {
    parse_module(source, "test.py")
}

fn parse_ok(source: &str) -> Vec<Stmt> {
    match parse(source) {
        Ok(body) => body,
        Err(error) => panic!("{source:?} failed:\n{error}"),
    }
}

/// The value of the single expression statement (or assignment) in `source`.
fn value_of(source: &str) -> Expr {
    match parse_ok(source).remove(0).kind {
        StmtKind::Expr(e) => e,
        StmtKind::Assign { value, .. } => value,
        other => panic!("not an expression statement: {other:?}"),
    }
}

/// A compact rendering of an expression's shape, for precedence tests.
fn shape(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Name(n) => n.clone(),
        ExprKind::Constant(Constant::Int(i)) => i.to_string(),
        ExprKind::Constant(c) => format!("{c:?}"),
        ExprKind::BinOp { left, op, right } => {
            format!("({} {op:?} {})", shape(left), shape(right))
        }
        ExprKind::UnaryOp { op, operand } => format!("({op:?} {})", shape(operand)),
        ExprKind::BoolOp { op, values } => format!(
            "({op:?} {})",
            values.iter().map(shape).collect::<Vec<_>>().join(" ")
        ),
        ExprKind::Compare {
            left,
            ops,
            comparators,
        } => {
            let mut out = format!("(Cmp {}", shape(left));
            for (op, right) in ops.iter().zip(comparators) {
                out.push_str(&format!(" {op:?} {}", shape(right)));
            }
            out + ")"
        }
        ExprKind::IfExp { test, body, orelse } => {
            format!("(If {} {} {})", shape(test), shape(body), shape(orelse))
        }
        ExprKind::Call { func, args, .. } => format!(
            "{}({})",
            shape(func),
            args.iter().map(shape).collect::<Vec<_>>().join(", ")
        ),
        ExprKind::Attribute { value, attr } => format!("{}.{attr}", shape(value)),
        other => format!("{other:?}"),
    }
}

#[test]
fn syntax_errors_match_cpython() {
    let mut failures = Vec::new();
    for &(source, kind, message, line, offset, end_offset) in CPYTHON_SYNTAX_ERRORS {
        match parse(source) {
            Err(CompileError::Syntax(e)) => {
                let expected_line: String = source
                    .split('\n')
                    .nth(line as usize - 1)
                    .unwrap_or("")
                    .into();
                let got = (
                    e.kind.name(),
                    e.message.as_str(),
                    e.line,
                    e.offset,
                    e.end_offset,
                );
                if got != (kind, message, line, offset, end_offset)
                    || e.source_line != expected_line
                    || e.filename != "test.py"
                {
                    failures.push(format!("{source:?}\n  expected {kind}: {message} at {line}:{offset}-{end_offset}\n  got      {got:?} {:?}", e.source_line));
                }
            }
            other => failures.push(format!("{source:?}: expected {message}, got {other:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn operator_precedence() {
    let cases = [
        ("-2**2", "(Neg (2 Pow 2))"),
        ("2**-1", "(2 Pow (Neg 1))"),
        ("2**3**2", "(2 Pow (3 Pow 2))"),
        ("a + b * c - d", "((a Add (b Mult c)) Sub d)"),
        ("a - b - c", "((a Sub b) Sub c)"),
        (
            "a // b % c @ d / e",
            "((((a FloorDiv b) Mod c) MatMult d) Div e)",
        ),
        (
            "a | b ^ c & d << e + f",
            "(a BitOr (b BitXor (c BitAnd (d LShift (e Add f)))))",
        ),
        ("a >> b << c", "((a RShift b) LShift c)"),
        ("~a + -b", "((Invert a) Add (Neg b))"),
        ("not a == b", "(Not (Cmp a Eq b))"),
        ("not a and b or c", "(Or (And (Not a) b) c)"),
        ("a or b and c", "(Or a (And b c))"),
        ("a < b <= c != d", "(Cmp a Lt b LtE c NotEq d)"),
        (
            "a not in b is not c in d is e",
            "(Cmp a NotIn b IsNot c In d Is e)",
        ),
        ("a if b else c if d else e", "(If b a (If d c e))"),
        ("a + b if c or d else e", "(If (Or c d) (a Add b) e)"),
        ("f(x).y(z)", "f(x).y(z)"),
        ("-a.b ** 2", "(Neg (a.b Pow 2))"),
        ("a | b < c & d", "(Cmp (a BitOr b) Lt (c BitAnd d))"),
    ];
    for (source, expected) in cases {
        assert_eq!(shape(&value_of(source)), expected, "{source}");
    }
}

#[test]
fn locations_follow_cpython() {
    let e = value_of("x = (a) + b * c");
    assert_eq!(e.loc, Location { line: 1, column: 4 });
    let ExprKind::BinOp { left, right, .. } = &e.kind else {
        panic!("{e:?}")
    };
    assert_eq!(left.loc.column, 5);
    assert_eq!(right.loc.column, 10);
    let call = value_of("    \n\nfoo.bar(1)(2)");
    assert_eq!(call.loc, Location { line: 3, column: 0 });
    // Columns count characters, not bytes.
    let e = value_of("s = '♥♥' + t");
    let ExprKind::BinOp { right, .. } = &e.kind else {
        panic!("{e:?}")
    };
    assert_eq!(right.loc.column, 11);
    let body = parse_ok("if x:\n    y = 1\nelif z:\n    pass\n");
    let StmtKind::If { orelse, .. } = &body[0].kind else {
        panic!()
    };
    assert_eq!(orelse[0].loc, Location { line: 3, column: 0 });
}

fn fstring_parts(source: &str) -> Vec<FStringPart> {
    match value_of(source).kind {
        ExprKind::FString(parts) => parts,
        other => panic!("not an f-string: {other:?}"),
    }
}

fn name_field(name: &str) -> Box<Expr> {
    match &fstring_parts(&format!("f'{{{name}}}'"))[0] {
        FStringPart::Field { value, .. } => value.clone(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn fstrings() {
    let parts = fstring_parts("f'a{b!r}c{d:>10}{{e}}'");
    assert_eq!(parts.len(), 5);
    assert_eq!(parts[0], FStringPart::Literal("a".into()));
    assert!(matches!(
        &parts[1],
        FStringPart::Field {
            conversion: Some('r'),
            format_spec: None,
            ..
        }
    ));
    assert_eq!(parts[4], FStringPart::Literal("{e}".into()));
    let FStringPart::Field {
        format_spec: Some(spec),
        ..
    } = &parts[3]
    else {
        panic!("{parts:?}")
    };
    assert_eq!(spec, &vec![FStringPart::Literal(">10".into())]);

    // Nested fields in the spec.
    let parts = fstring_parts("f'{v:{w}.{p}f}'");
    let FStringPart::Field {
        format_spec: Some(spec),
        ..
    } = &parts[0]
    else {
        panic!("{parts:?}")
    };
    assert_eq!(spec.len(), 4);
    assert_eq!(spec[1], FStringPart::Literal(".".into()));
    assert_eq!(spec[3], FStringPart::Literal("f".into()));

    // Self-documenting fields: repr by default, unless a spec is given.
    let parts = fstring_parts("f'{x = }{y=:>4}{z=!s}'");
    let expected = [
        ("x = ", Some('r'), false),
        ("y=", None, true),
        ("z=", Some('s'), false),
    ];
    for (part, (text, conversion, has_spec)) in parts.iter().zip(expected) {
        let FStringPart::Field {
            self_documenting,
            conversion: c,
            format_spec,
            value,
        } = part
        else {
            panic!("{part:?}")
        };
        assert_eq!(self_documenting.as_deref(), Some(text));
        assert_eq!(*c, conversion);
        assert_eq!(format_spec.is_some(), has_spec);
        assert!(matches!(value.kind, ExprKind::Name(_)));
    }

    // Adjacent literals merge into one f-string; quotes nest.
    let parts = fstring_parts("'a' f'{b}' 'c' f\"{d['k']}\" f'{\"q\"}'");
    assert_eq!(parts[0], FStringPart::Literal("a".into()));
    assert_eq!(parts[2], FStringPart::Literal("c".into()));
    assert_eq!(parts.len(), 5);
    assert_eq!(name_field("x + 1").loc, Location { line: 1, column: 3 });
    // Plain strings stay constants; bytes concatenate.
    assert_eq!(
        value_of("'a' 'b'").kind,
        ExprKind::Constant(Constant::Str("ab".into()))
    );
    assert_eq!(
        value_of("b'a' b'\\x00'").kind,
        ExprKind::Constant(Constant::Bytes(vec![b'a', 0]))
    );
}

#[test]
fn numbers() {
    assert_eq!(
        shape(&value_of("0x_FF + 0o17 + 0b11")),
        "((255 Add 15) Add 3)"
    );
    let big = "1".repeat(120);
    let ExprKind::Constant(Constant::Int(value)) = value_of(&big).kind else {
        panic!()
    };
    assert_eq!(value.to_string(), big);
    assert_eq!(
        value_of("1e-3").kind,
        ExprKind::Constant(Constant::Float(1e-3))
    );
    assert_eq!(
        value_of("5.").kind,
        ExprKind::Constant(Constant::Float(5.0))
    );
    assert_eq!(
        value_of("1_000.5").kind,
        ExprKind::Constant(Constant::Float(1000.5))
    );
}

#[test]
fn statements() {
    let body = parse_ok(
        "@d\ndef f(a, /, b=1, *args, c, d=2, **kw) -> int:\n    global g\n    return a\n\
         class C(B, metaclass=M):\n    x: int = 1\n\
         for i, (j, k) in z:\n    break\nelse:\n    pass\n\
         while x: continue\n\
         try:\n    pass\nexcept (A, B) as e:\n    raise X from e\nexcept:\n    pass\nelse:\n    pass\nfinally:\n    pass\n\
         with (open(a) as f, b):\n    pass\n\
         import a.b.c as d, e\nfrom x.y import (p as q, r,)\nfrom m import *\n\
         del a, b[0]; assert x, 'm'; x = y = z; x **= 2\n\
         lambda a, *, b=1: a\n\
         def g():\n    x = yield\n    yield from y\n",
    );
    assert_eq!(body.len(), 15);
    let StmtKind::FunctionDef(def) = &body[0].kind else {
        panic!()
    };
    assert_eq!(def.params.posonly.len(), 1);
    assert_eq!(def.params.args.len(), 1);
    assert_eq!(def.params.kwonly.len(), 2);
    assert!(def.params.vararg.is_some() && def.params.kwarg.is_some());
    assert_eq!(def.decorators.len(), 1);
    let StmtKind::Delete(targets) = &body[9].kind else {
        panic!("{:?}", body[9])
    };
    assert_eq!(targets.len(), 2);
    let StmtKind::Assign { targets, .. } = &body[11].kind else {
        panic!()
    };
    assert_eq!(targets.len(), 2);
}

#[test]
fn soft_keywords_stay_names() {
    parse_ok("match = 3\nmatch.x = 1\nprint(match)\nmatch(x)\nmatch [1]\ntype = 5\ntype(x)\n");
    parse_ok("case = _ = 1\n");
}

#[test]
fn unsupported_constructs() {
    let cases = [
        (
            "match x:\n    case 1:\n        pass\n",
            "the 'match' statement",
        ),
        ("x = 1j\n", "complex numbers"),
        ("type X = int\n", "'type' alias statements"),
        (
            "try:\n    pass\nexcept* E:\n    pass\n",
            "star-expressions in 'except*'",
        ),
    ];
    for (source, construct) in cases {
        match parse(source) {
            Err(CompileError::Unsupported { construct: got, .. }) => {
                assert_eq!(got, construct, "{source}")
            }
            other => panic!("{source}: {other:?}"),
        }
    }
    // A syntax error anywhere still wins, as CPython would report it.
    assert!(matches!(
        parse("x = 1j\nif x\n"),
        Err(CompileError::Syntax(_))
    ));
}

const PROGRAMS: [&str; 4] = [
    "import threading\n\ncounter = 0\nlock = threading.Lock()\n\ndef work(n: int) -> None:\n    global counter\n    for i in range(n):\n        with lock:\n            counter += 1\n\nthreads = [threading.Thread(target=work, args=(1000,)) for _ in range(4)]\nfor t in threads: t.start()\nfor t in threads:\n    t.join()\nprint(f\"counter = {counter:>{8}} {counter!r} {counter=}\")\n",
    "class Account:\n    def __init__(self, balance=0, *args, **kwargs):\n        self.balance = balance  # ♥ comment\n\n    @property\n    def value(self):\n        return self.balance if self.balance > 0 else -self.balance ** 2\n\ntry:\n    x = {'a': [1, 2, (3, 4)], **extra}\nexcept (KeyError, ValueError) as e:\n    raise RuntimeError('bad') from e\nfinally:\n    del x\n",
    "def gen():\n    x = yield 1\n    yield from range(3)\n    return [y for y in x if y if not y]\n\nwhile True:\n    if (n := len(data)) > 10:\n        break\n    elif n:\n        continue\n    else:\n        data.append(lambda a, *, b=2: a[1:2, ::3])\n",
    "s = '''triple\nquoted''' + \"\\x41\\n\" + r'\\d' + b'\\xff'.decode()\nvalues = {*a, *b}; pairs = {k: v for k, v in items}; g = (x for x in y)\nif a is not b and c not in d or e <= f < g:\n    pass\nx = 0x_ff + 0o7 + 0b1 + 1_000 + 1e-3 + 5.\n",
];

/// Every prefix of some real programs (cut at every character) parses or fails
/// cleanly: no panic.
#[test]
fn prefixes_never_panic() {
    for program in PROGRAMS {
        parse_ok(program);
        let cuts: Vec<usize> = program.char_indices().map(|(i, _)| i).collect();
        for cut in cuts {
            let _ = parse(&program[..cut]);
            // Also with the rest of the line dropped, and a stray bracket.
            let _ = parse(&format!("{}(\n", &program[..cut]));
            let _ = parse(&format!("{})\n", &program[..cut]));
        }
    }
}

#[test]
fn odd_inputs_never_panic() {
    let inputs = [
        "",
        "\n",
        "\\",
        "\\\n",
        "(",
        ")",
        "f'",
        "f'{",
        "f'{x",
        "f'{x!",
        "f'{x:",
        "f'{x:{",
        "f'}",
        "'''",
        "b'\\",
        "0x",
        "1e",
        "1_",
        "\t\x0cx",
        "if",
        "if x:",
        "def",
        "def f(",
        "class",
        "lambda",
        "lambda:",
        "@",
        "@x",
        "for",
        "for x in",
        "with",
        "try:",
        "except",
        "*",
        "**",
        "x[",
        "x[:",
        "x.",
        "x(*",
        "x(**",
        "{**",
        "{1:",
        "[*",
        "yield",
        "from",
        "from .",
        "import",
        "global",
        "del",
        "assert",
        "raise",
        "return",
        "not",
        "await",
        "async",
        "async def",
        "match x:",
        "match x:\n",
        "type",
        "type X",
        "\u{feff}x = 1",
        "x = 1\r\ny = 2\r",
        "f'{x=!r:{y!s:{z}}}'",
        "if x:\n\tpass\n        pass\n",
        "  x",
        "x\n  y\n z\n",
    ];
    for input in inputs {
        let _ = parse(input);
    }
}

/// Deep nesting ends in a SyntaxError, not a stack overflow, even in a debug build
/// on a small stack.
#[test]
fn deep_nesting_is_bounded() {
    let inputs = vec![
        format!("x = {}1{}\n", "(".repeat(1000), ")".repeat(1000)),
        format!("x = {}1{}\n", "[".repeat(150), "]".repeat(150)),
        format!("x = {}1\n", "-".repeat(100_000)),
        format!("x = {}1\n", "not ".repeat(100_000)),
        format!("x = {}1\n", "lambda: ".repeat(10_000)),
        format!("x = 1{}\n", " + 1".repeat(100_000)),
        format!("x = 1{}\n", " ** 1".repeat(100_000)),
        format!("x = a{}\n", ".b".repeat(100_000)),
        format!("x = {}1\n", "1 if 2 else ".repeat(10_000)),
        format!("x = {}1{}\n", "f'{".repeat(300), "}'".repeat(300)),
        format!("x = {}1{}\n", "f(".repeat(150), ")".repeat(150)),
        (0..120)
            .map(|i| format!("{}if x:\n", " ".repeat(i)))
            .collect::<String>(),
    ];
    let handle = std::thread::Builder::new()
        .stack_size(4 << 20)
        .spawn(move || {
            for input in inputs {
                let _ = parse(&input);
            }
        })
        .expect("spawn");
    assert!(handle.join().is_ok());
    let error = parse(&format!("x = {}1\n", "-".repeat(1000))).unwrap_err();
    assert!(
        error.to_string().contains("too many nested parentheses"),
        "{error}"
    );
}

#[test]
fn placement_errors_are_reported_after_parsing() {
    // A later syntax error beats an earlier 'return' outside a function.
    let error = parse("return 1\nx = (\n").unwrap_err();
    assert!(error.to_string().contains("was never closed"), "{error}");
    // Symbol-table errors beat compiler errors wherever they are.
    let error = parse("break\ndef f():\n    x = 1\n    global x\n").unwrap_err();
    assert!(
        error.to_string().contains("assigned to before global"),
        "{error}"
    );
    parse_ok("def f():\n    for x in y:\n        try:\n            continue\n        finally:\n            break\n    return lambda: (yield)\n");
}
