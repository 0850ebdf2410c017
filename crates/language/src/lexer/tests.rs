//! The tokenizer's unit tests: indentation, line joining, numbers, strings and escapes,
//! f-string tokens, character columns, and odd inputs that must never panic.

use super::*;

fn kinds(source: &str) -> Vec<Tok> {
    tokenize(source).tokens.into_iter().map(|t| t.tok).collect()
}

fn name(s: &str) -> Tok {
    Tok::Name(s.to_string())
}

#[test]
fn indentation_and_newlines() {
    let toks = kinds("if x:\n    y\n\n  # c\nz\n");
    assert_eq!(
        toks,
        vec![
            name("if"),
            name("x"),
            Tok::Op(":"),
            Tok::Newline,
            Tok::Indent,
            name("y"),
            Tok::Newline,
            Tok::Dedent,
            name("z"),
            Tok::Newline,
            Tok::EndMarker
        ]
    );
}

#[test]
fn implicit_joining_and_continuation() {
    let toks = kinds("x = (1,\n  2)\ny = 1 + \\\n 2");
    assert_eq!(toks.iter().filter(|t| **t == Tok::Newline).count(), 2);
    assert!(!toks.contains(&Tok::Indent));
}

#[test]
fn numbers() {
    let toks = kinds("0x_ff 0o17 0b101 1_000 1e-3 5. .5 10j 1if");
    assert_eq!(toks[0], Tok::Int(BigInt::from(255)));
    assert_eq!(toks[1], Tok::Int(BigInt::from(15)));
    assert_eq!(toks[2], Tok::Int(BigInt::from(5)));
    assert_eq!(toks[3], Tok::Int(BigInt::from(1000)));
    assert_eq!(toks[4], Tok::Float(1e-3));
    assert_eq!(toks[5], Tok::Float(5.0));
    assert_eq!(toks[6], Tok::Float(0.5));
    assert_eq!(toks[7], Tok::Imaginary);
    assert_eq!(toks[8], Tok::Int(BigInt::from(1)));
    assert_eq!(toks[9], name("if"));
}

#[test]
fn strings_and_escapes() {
    let toks = kinds(r#"'a\n\x41\101\u00e9' r'\n' b'\xff' """x"y""" '\q'"#);
    assert_eq!(toks[0], Tok::Str(StrValue::Str("a\nAAé".into())));
    assert_eq!(toks[1], Tok::Str(StrValue::Str("\\n".into())));
    assert_eq!(toks[2], Tok::Str(StrValue::Bytes(vec![255])));
    assert_eq!(toks[3], Tok::Str(StrValue::Str("x\"y".into())));
    assert_eq!(toks[4], Tok::Str(StrValue::Str("\\q".into())));
}

#[test]
fn fstring_tokens() {
    let toks = kinds("f'a{x!r:>{w}}b{{'");
    assert_eq!(
        toks[..12],
        [
            Tok::FStringStart,
            Tok::FStringMiddle("a".into()),
            Tok::Op("{"),
            name("x"),
            Tok::Op("!"),
            name("r"),
            Tok::Op(":"),
            Tok::FStringMiddle(">".into()),
            Tok::Op("{"),
            name("w"),
            Tok::Op("}"),
            Tok::Op("}"),
        ]
    );
    assert_eq!(toks[12], Tok::FStringMiddle("b{".into()));
    assert_eq!(toks[13], Tok::FStringEnd);
}

#[test]
fn columns_count_characters() {
    let lexed = tokenize("s = '♥♥' + x");
    let x = lexed.tokens.iter().find(|t| t.tok == name("x")).unwrap();
    assert_eq!(x.start.col, 11);
}

#[test]
fn never_panics_on_odd_input() {
    for source in [
        "",
        "\\",
        "'",
        "f'",
        "f'{",
        "f'{x:",
        "f'{x!",
        "0x",
        "1e",
        "\t\x0c x",
        "(((",
        ")))",
        "f'{'",
        "f'''{\n",
        "b'\\",
        "'\\N{",
        "\u{feff}x",
        "0_",
        "1.e",
        "..",
        "!",
    ] {
        let _ = tokenize(source);
    }
}
