//! The JSON parser of the `lite-json` readers: JSON text into a small tree, numbers kept as
//! their text, accepting and refusing exactly what serde_json does (the properties in
//! json/tests.rs check it against serde_json).

use crate::error::{Error, Result};

/// A JSON value (numbers kept as their text). Two values are kept but refused where a reader
/// reads them, as serde_json refuses them where it reads them and accepts them where it skips
/// a value (an extra field of `Money`): `Bad`, a string with a lone surrogate escape, which no
/// Rust string can hold (`JSON.stringify` writes one for a lone surrogate), and `Deep`, a
/// value nested deeper than serde_json's limit. An object key is `None` for the same reason.
pub enum V {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Bad,
    Deep,
    Arr(Vec<V>),
    Obj(Vec<(Option<String>, V)>),
}

/// serde_json's nesting limit: 127 arrays or objects inside one another; the 128th is refused.
const MAX_DEPTH: u32 = 128;

pub(super) fn invalid(what: &str) -> Error {
    Error::InvalidJson(what.to_string())
}

/// Parses JSON text into a tree: JSON exactly as serde_json reads it.
pub fn parse(text: &str) -> Result<V> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    let v = p.value(1)?;
    p.ws();
    if p.i != p.s.len() {
        return Err(invalid("trailing characters"));
    }
    Ok(v)
}

/// The text and the cursor. The cursor never passes the text's end (and the depth never passes
/// `MAX_DEPTH`): their sums cannot overflow, and are written `wrapping_add` for the lint.
struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    /// Moves the cursor `n` bytes on.
    fn advance(&mut self, n: usize) {
        self.i = self.i.wrapping_add(n);
    }

    fn ws(&mut self) {
        while matches!(self.s.get(self.i), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.advance(1);
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        let hit = self.s.get(self.i) == Some(&c);
        self.advance(usize::from(hit));
        hit
    }

    fn word(&mut self, w: &str, v: V) -> Result<V> {
        if self.s.get(self.i..self.i.wrapping_add(w.len())) == Some(w.as_bytes()) {
            self.advance(w.len());
            return Ok(v);
        }
        Err(invalid("expected a JSON value"))
    }

    /// A value whose arrays and objects are the `depth`th nesting and deeper.
    fn value(&mut self, depth: u32) -> Result<V> {
        self.ws();
        if depth >= MAX_DEPTH && matches!(self.s.get(self.i), Some(b'[' | b'{')) {
            self.skip()?;
            return Ok(V::Deep);
        }
        match self.s.get(self.i) {
            Some(b'[') => {
                self.advance(1);
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value(depth.wrapping_add(1))?);
                        if self.eat(b']') {
                            break;
                        }
                        if !self.eat(b',') {
                            return Err(invalid("expected , or ]"));
                        }
                    }
                }
                Ok(V::Arr(items))
            }
            Some(b'{') => {
                self.advance(1);
                let mut fields = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        let key = self.key()?;
                        fields.push((key, self.value(depth.wrapping_add(1))?));
                        if self.eat(b'}') {
                            break;
                        }
                        if !self.eat(b',') {
                            return Err(invalid("expected , or }"));
                        }
                    }
                }
                Ok(V::Obj(fields))
            }
            _ => self.scalar(),
        }
    }

    /// An object's key and its colon.
    fn key(&mut self) -> Result<Option<String>> {
        self.ws();
        let key = match self.string()? {
            V::Str(k) => Some(k),
            _ => None,
        };
        if !self.eat(b':') {
            return Err(invalid("expected :"));
        }
        Ok(key)
    }

    /// A value that is not an array or an object.
    fn scalar(&mut self) -> Result<V> {
        match self.s.get(self.i) {
            Some(b'n') => self.word("null", V::Null),
            Some(b't') => self.word("true", V::Bool(true)),
            Some(b'f') => self.word("false", V::Bool(false)),
            Some(b'"') => self.string(),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(invalid("expected a JSON value")),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while self.s.get(self.i).is_some_and(u8::is_ascii_digit) {
            self.advance(1);
        }
        self.i.wrapping_sub(start)
    }

    /// A number, kept as its text: `-`, then `0` or digits without a leading 0, then an
    /// optional fraction and exponent, each with at least one digit.
    fn number(&mut self) -> Result<V> {
        let start = self.i;
        self.advance(usize::from(self.s.get(self.i) == Some(&b'-')));
        match self.s.get(self.i) {
            Some(b'0') => self.advance(1),
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(invalid("invalid number")),
        }
        if self.s.get(self.i) == Some(&b'.') {
            self.advance(1);
            if self.digits() == 0 {
                return Err(invalid("invalid number"));
            }
        }
        if matches!(self.s.get(self.i), Some(b'e' | b'E')) {
            self.advance(1);
            if matches!(self.s.get(self.i), Some(b'+' | b'-')) {
                self.advance(1);
            }
            if self.digits() == 0 {
                return Err(invalid("invalid number"));
            }
        }
        let text = std::str::from_utf8(&self.s[start..self.i]).unwrap_or_default();
        Ok(V::Num(text.to_string()))
    }

    /// A value too deep to hold (the cursor on its opening bracket), checked and passed over
    /// without recursion, as serde_json passes over a value it skips.
    fn skip(&mut self) -> Result<()> {
        let mut open = Vec::new();
        loop {
            self.ws();
            match self.s.get(self.i) {
                Some(b'[') => {
                    self.advance(1);
                    if !self.eat(b']') {
                        open.push(b']');
                        continue;
                    }
                }
                Some(b'{') => {
                    self.advance(1);
                    if !self.eat(b'}') {
                        self.key()?;
                        open.push(b'}');
                        continue;
                    }
                }
                _ => {
                    self.scalar()?;
                }
            }
            // After a value: the brackets it closes, then a comma and the next value.
            loop {
                let Some(&close) = open.last() else {
                    return Ok(());
                };
                if self.eat(close) {
                    open.pop();
                    continue;
                }
                if !self.eat(b',') {
                    return Err(invalid("expected , or a closing bracket"));
                }
                if close == b'}' {
                    self.key()?;
                }
                break;
            }
        }
    }

    /// Four hex digits (no sign, which `from_str_radix` would take).
    fn hex4(&mut self) -> Result<u32> {
        let digits = self
            .s
            .get(self.i..self.i.wrapping_add(4))
            .filter(|d| d.iter().all(u8::is_ascii_hexdigit))
            .ok_or_else(|| invalid("bad escape"))?;
        self.advance(4);
        let text = std::str::from_utf8(digits).map_err(|_| invalid("bad escape"))?;
        u32::from_str_radix(text, 16).map_err(|_| invalid("bad escape"))
    }

    /// A string at the cursor (which is on its opening quote).
    fn string(&mut self) -> Result<V> {
        if self.s.get(self.i) != Some(&b'"') {
            return Err(invalid("expected a string"));
        }
        self.advance(1);
        let mut out = String::new();
        let mut bad = false;
        loop {
            let start = self.i;
            while self
                .s
                .get(self.i)
                .is_some_and(|&c| c >= 0x20 && c != b'"' && c != b'\\')
            {
                self.advance(1);
            }
            out.push_str(
                std::str::from_utf8(&self.s[start..self.i]).map_err(|_| invalid("bad UTF-8"))?,
            );
            match self.s.get(self.i) {
                Some(b'"') => {
                    self.advance(1);
                    return Ok(if bad { V::Bad } else { V::Str(out) });
                }
                Some(b'\\') => {
                    self.advance(1);
                    let c = *self.s.get(self.i).ok_or_else(|| invalid("bad escape"))?;
                    self.advance(1);
                    match c {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let mut n = self.hex4()?;
                            if (0xD800..0xDC00).contains(&n)
                                && self.s.get(self.i..self.i.wrapping_add(2)) == Some(b"\\u")
                            {
                                let save = self.i;
                                self.advance(2);
                                let low = self.hex4()?;
                                if (0xDC00..0xE000).contains(&low) {
                                    // No overflow: ten bits from each half.
                                    n = ((n & 0x3FF) << 10 | (low & 0x3FF)).wrapping_add(0x10000);
                                } else {
                                    self.i = save;
                                }
                            }
                            match char::from_u32(n) {
                                Some(c) => out.push(c),
                                None => bad = true,
                            }
                        }
                        _ => return Err(invalid("bad escape")),
                    }
                }
                Some(_) => return Err(invalid("control character in a string")),
                None => return Err(invalid("unterminated string")),
            }
        }
    }
}
