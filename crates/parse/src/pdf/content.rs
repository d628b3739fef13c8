//! The content-stream lexer (PDF 32000-1 §7.2 lexical rules, §7.8 content streams): one
//! operation at a time, its operator borrowed from the stream, its operands ([`Operand`]) kept
//! in buffers the lexer refills for every operation: numbers inline, strings and names as
//! ranges of one byte buffer, array items as ranges of one item list. Only dictionaries and
//! arrays holding arrays or dictionaries (rare in content streams) become lopdf `Object`s.
//! Operands were `Object`s (over 100 bytes each, a `Vec` per string, reused from spare
//! buffers) until every kerning number and one-glyph string of a `TJ` array cost building,
//! moving, dropping and recycling an `Object`: over the files of `scripts/icount.sh`, the lexer
//! took 43.6M instructions with `Object` operands and ~23M with these, and
//! `ats_parse::extract` went from 179.3M to 166.6M.
//!
//! Hand-written because lopdf's `Content::decode_iter` is built from nom combinators and
//! allocates a `String` per operator and a fresh `Vec<Object>` per operation. Measured on
//! `bench-000-ml_engineer.pdf` (callgrind, whole extraction): lopdf's content parsing took 2.88M
//! of 10.31M instructions (28%); this lexer took 1.26M (reusing the buffers of one
//! operation's strings and arrays for the next), and the extraction 8.30M. The median
//! extraction time of 60 bench résumés went from 0.56–0.66 ms to 0.45–0.48 ms (with the font
//! lookup change in `fonts.rs`; a loaded 2-core machine, hence the ranges).
//!
//! It reads what lopdf reads, object for object (a test compares the two on every content stream
//! of the shared corpus), and departs from it only where lopdf gives up on the rest of the
//! stream, to read on as viewers do: a comment between operands is skipped; a token that is no
//! object and no operator (`@`, a lone `-`) is yielded as an operator nobody handles; a `#`
//! without two hex digits after it stays in a name; an integer beyond `i64` is read as a real;
//! strings may nest parentheses deeper than lopdf's 100; `BI` after operands still starts an
//! inline image (lopdf then reads the image's bytes as operators); and when the image
//! dictionary gives a size that does not end at `EI`, or gives none, the data's end is found by
//! scanning, where `EI` may also be followed by a delimiter (lopdf: white space only).
//!
//! Hostile input is bounded by construction: arrays and dictionaries nest at most
//! [`MAX_NESTING`] deep, an operation takes at most [`MAX_OPERANDS`] operands and
//! [`MAX_OBJECTS`] objects in all, each exceeded cap ends the stream like a damaged tail, and
//! every byte is looked at a bounded number of times.

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

/// Deepest nesting of arrays and dictionaries in one operand; deeper is an error. Real content
/// streams nest two deep (a dictionary in a `BDC` property list).
pub(crate) const MAX_NESTING: usize = 64;
/// Most operands of one operation; more is an error. The largest real one, `scn` in a DeviceN
/// colour space of 32 colorants plus a pattern, has 33.
pub(crate) const MAX_OPERANDS: usize = 64;
/// Most objects one operation may build, nested ones included; more is an error. A `TJ` array
/// holding a whole page has a few thousand.
pub(crate) const MAX_OBJECTS: usize = 100_000;

/// Why the lexer stopped before the end of the stream. The interpreter keeps what it read
/// before, as a viewer shows a page with a damaged tail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LexError {
    /// The stream ends inside a string, array, dictionary or inline image.
    Unterminated,
    /// A byte that cannot start an object where one must be (`)`, `]`, `>`, `{`, `}`, a
    /// non-hex digit in a hex string, a dictionary key that is not a name).
    Unexpected,
    /// Arrays and dictionaries nested deeper than [`MAX_NESTING`].
    TooDeep,
    /// An operation with more than [`MAX_OPERANDS`] operands.
    TooManyOperands,
    /// An operation building more than [`MAX_OBJECTS`] objects.
    TooManyObjects,
}

const REGULAR: u8 = 0;
const WHITE: u8 = 1;
const DELIMITER: u8 = 2;

/// The §7.2.2 character class of every byte: white space (NUL, TAB, LF, FF, CR, SP), delimiters,
/// and regular characters (all others).
static CLASS: [u8; 256] = {
    let mut t = [REGULAR; 256];
    let white = b"\0\t\n\x0C\r ";
    let mut i = 0;
    while i < white.len() {
        t[white[i] as usize] = WHITE;
        i += 1;
    }
    let delimiters = b"()<>[]{}/%";
    let mut i = 0;
    while i < delimiters.len() {
        t[delimiters[i] as usize] = DELIMITER;
        i += 1;
    }
    t
};

pub(crate) fn is_white(c: u8) -> bool {
    CLASS[c as usize] == WHITE
}

/// Neither white space nor a delimiter: a byte that goes on a name, number or keyword. The
/// CMap reader ends its words by the same table.
pub(crate) fn is_regular(c: u8) -> bool {
    CLASS[c as usize] == REGULAR
}

/// White space and comments from `pos`: the offset of the next token (or the end). Shared with
/// the object loader (`load.rs`), which reads the file's structure by the same rules.
pub(crate) fn skip_space_at(d: &[u8], mut i: usize) -> usize {
    while let Some(&c) = d.get(i) {
        if is_white(c) {
            i += 1;
        } else if c == b'%' {
            i += 1;
            while d.get(i).is_some_and(|&c| c != b'\r' && c != b'\n') {
                i += 1;
            }
        } else {
            break;
        }
    }
    i
}

/// Characters of an operator, as lopdf reads them: letters, digits (not first), `*`, `'`, `"`.
fn is_operator_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'*' | b'\'' | b'"')
}

fn hex_value(c: u8) -> Option<u8> {
    let v = HEX[c as usize];
    (v != NOT_HEX).then_some(v)
}

const NOT_HEX: u8 = 0xFF;

/// Each byte's value as a hex digit, or [`NOT_HEX`].
static HEX: [u8; 256] = {
    let mut t = [NOT_HEX; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        t[b'a' as usize + i] = 10 + i as u8;
        t[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    t
};

/// One operand of an operation, or one item of an array operand. Strings and names are byte
/// ranges of the lexer's buffer, array items ranges of its item list: an operation builds no
/// `Object` and allocates nothing once the buffers have grown (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Operand {
    Integer(i64),
    Real(f32),
    Boolean(bool),
    Null,
    /// `n g R`, read inside arrays only (as lopdf does).
    Reference(ObjectId),
    /// Bytes `.0...1` of the operation's bytes, `#` escapes decoded.
    Name(usize, usize),
    /// Bytes `.0...1` of the operation's bytes, escapes decoded; hexadecimal or literal.
    String(usize, usize, StringFormat),
    /// Items `.0...1` of the operation's item list, none of them an array or dictionary.
    Array(usize, usize),
    /// A dictionary, an array holding arrays or dictionaries (rare in content streams), or an
    /// inline image's dictionary: built as a lopdf object, at this index of the operation's
    /// object list. An index rather than a `Box` keeps `Operand` `Copy`: clearing the operand
    /// and item lists for every operation then drops nothing (dropping them item by item was
    /// 1.7M instructions over the files of `scripts/icount.sh`).
    Object(usize),
}

impl Operand {
    /// The lopdf object this operand stands for; `bytes`, `items` and `objects` are the
    /// operation's.
    pub(crate) fn to_object(self, bytes: &[u8], items: &[Operand], objects: &[Object]) -> Object {
        match &self {
            Operand::Integer(v) => Object::Integer(*v),
            Operand::Real(v) => Object::Real(*v),
            Operand::Boolean(v) => Object::Boolean(*v),
            Operand::Null => Object::Null,
            Operand::Reference(id) => Object::Reference(*id),
            Operand::Name(s, e) => Object::Name(bytes.get(*s..*e).unwrap_or_default().to_vec()),
            Operand::String(s, e, f) => Object::String(bytes.get(*s..*e).unwrap_or_default().to_vec(), *f),
            Operand::Array(s, e) => Object::Array(
                // Flat: an array's items are never arrays, so this does not recurse further.
                items
                    .get(*s..*e)
                    .unwrap_or_default()
                    .iter()
                    .map(|o| o.to_object(bytes, &[], &[]))
                    .collect(),
            ),
            Operand::Object(i) => objects.get(*i).cloned().unwrap_or(Object::Null),
        }
    }

    /// A number's value, as `fonts::number` reads an `Object`.
    pub(crate) fn number(&self) -> Option<f32> {
        match self {
            Operand::Integer(v) => Some(*v as f32),
            Operand::Real(v) => Some(*v),
            _ => None,
        }
    }
}

/// The operands of the current operation, borrowed from the lexer.
#[derive(Clone, Copy)]
pub(crate) struct Operands<'l> {
    list: &'l [Operand],
    items: &'l [Operand],
    bytes: &'l [u8],
    objects: &'l [Object],
}

impl<'l> Operands<'l> {
    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }

    pub(crate) fn list(&self) -> &'l [Operand] {
        self.list
    }

    pub(crate) fn get(&self, i: usize) -> Option<&'l Operand> {
        self.list.get(i)
    }

    pub(crate) fn number(&self, i: usize) -> Option<f32> {
        self.list.get(i)?.number()
    }

    pub(crate) fn integer(&self, i: usize) -> Option<i64> {
        match self.list.get(i)? {
            Operand::Integer(v) => Some(*v),
            _ => None,
        }
    }

    pub(crate) fn name(&self, i: usize) -> Option<&'l [u8]> {
        match self.list.get(i)? {
            Operand::Name(s, e) => self.bytes.get(*s..*e),
            _ => None,
        }
    }

    pub(crate) fn string(&self, i: usize) -> Option<&'l [u8]> {
        self.string_of(self.list.get(i)?)
    }

    /// The bytes of a string operand or item.
    pub(crate) fn string_of(&self, o: &Operand) -> Option<&'l [u8]> {
        match o {
            Operand::String(s, e, _) => self.bytes.get(*s..*e),
            _ => None,
        }
    }

    /// The items of a flat array operand (see [`Operand::Array`]).
    pub(crate) fn items(&self, i: usize) -> Option<&'l [Operand]> {
        match self.list.get(i)? {
            Operand::Array(s, e) => self.items.get(*s..*e),
            _ => None,
        }
    }

    pub(crate) fn object(&self, i: usize) -> Option<&'l Object> {
        match self.list.get(i)? {
            Operand::Object(o) => self.objects.get(*o),
            _ => None,
        }
    }

    /// Every operand as a lopdf object.
    #[cfg(test)]
    pub(crate) fn to_objects(self) -> Vec<Object> {
        self.list
            .iter()
            .map(|o| o.to_object(self.bytes, self.items, self.objects))
            .collect()
    }
}

/// Reads a content stream one operation at a time.
pub(crate) struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
    /// Objects built for the current operation, against [`MAX_OBJECTS`].
    objects: usize,
    done: bool,
    /// The current operation's operands, the items of its arrays, and the bytes of its strings
    /// and names, refilled by every operation. Bounded: at most [`MAX_OPERANDS`] operands,
    /// [`MAX_OBJECTS`] items, and bytes no more than the stream's; and the lopdf objects its
    /// [`Operand::Object`]s index (at most [`MAX_OPERANDS`]).
    operands: Vec<Operand>,
    items: Vec<Operand>,
    bytes: Vec<u8>,
    built: Vec<Object>,
    /// Set where this lexer read on past something lopdf's object parser rejects or reads
    /// otherwise (see [`object_at`]); only rare branches set it.
    departed: bool,
    /// Room reserved in each dictionary up front: [`object_at`] reads font and page dictionaries
    /// of about ten keys, which then grow once instead of twice; content streams, whose
    /// dictionaries hold one or two keys, reserve none.
    dict_capacity: usize,
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(data: &'a [u8]) -> Self {
        Lexer {
            data,
            pos: 0,
            objects: 0,
            done: false,
            operands: Vec::new(),
            items: Vec::new(),
            bytes: Vec::new(),
            built: Vec::new(),
            departed: false,
            dict_capacity: 0,
        }
    }

    /// The next operation's operator; its operands are then [`Lexer::operands`]. `Ok(None)` at
    /// the end of the stream (operands with no operator after them are dropped); after an error
    /// or the end, every call gives `Ok(None)`. An inline image (`BI … ID data EI`) is one
    /// operation `BI` whose operand is the image dictionary.
    pub(crate) fn next_operation(&mut self) -> Result<Option<&'a [u8]>, LexError> {
        let mut operands = std::mem::take(&mut self.operands);
        let mut items = std::mem::take(&mut self.items);
        let mut bytes = std::mem::take(&mut self.bytes);
        operands.clear();
        items.clear();
        bytes.clear();
        self.built.clear();
        let result = if self.done {
            Ok(None)
        } else {
            self.objects = 0;
            self.operation(&mut operands, &mut items, &mut bytes)
        };
        if !matches!(result, Ok(Some(_))) {
            self.done = true;
            operands.clear();
        }
        self.operands = operands;
        self.items = items;
        self.bytes = bytes;
        result
    }

    /// The operands of the operation [`Lexer::next_operation`] last returned.
    pub(crate) fn operands(&self) -> Operands<'_> {
        Operands {
            list: &self.operands,
            items: &self.items,
            bytes: &self.bytes,
            objects: &self.built,
        }
    }

    fn operation(
        &mut self,
        operands: &mut Vec<Operand>,
        items: &mut Vec<Operand>,
        bytes: &mut Vec<u8>,
    ) -> Result<Option<&'a [u8]>, LexError> {
        loop {
            self.skip_space();
            let Some(&c) = self.data.get(self.pos) else {
                return Ok(None);
            };
            let operand = match c {
                b'/' => {
                    let start = bytes.len();
                    self.name(bytes);
                    Operand::Name(start, bytes.len())
                }
                b'(' => {
                    let start = bytes.len();
                    self.literal_string(bytes)?;
                    Operand::String(start, bytes.len(), StringFormat::Literal)
                }
                b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                    let dict = self.dictionary(0)?;
                    self.build(Object::Dictionary(dict))
                }
                b'<' => {
                    let start = bytes.len();
                    self.hex_string(bytes)?;
                    Operand::String(start, bytes.len(), StringFormat::Hexadecimal)
                }
                b'[' => self.flat_array(items, bytes)?,
                b')' | b'>' | b']' | b'{' | b'}' => return Err(LexError::Unexpected),
                b'0'..=b'9' | b'+' | b'-' | b'.' => match self.number() {
                    Some(n) => n,
                    None => return Ok(Some(self.garbage())),
                },
                _ if is_operator_char(c) => match self.keyword() {
                    Some(k) => k,
                    None => {
                        let operator = self.run(is_operator_char);
                        if operator == b"BI" {
                            return self.inline_image(operands).map(Some);
                        }
                        return Ok(Some(operator));
                    }
                },
                _ => return Ok(Some(self.garbage())),
            };
            self.count()?;
            if operands.len() >= MAX_OPERANDS {
                return Err(LexError::TooManyOperands);
            }
            operands.push(operand);
        }
    }

    /// A `[ … ]` operand read into `items` and `bytes` (a `TJ` array: strings and numbers). An
    /// array holding an array or a dictionary is read as lopdf objects from there on, as
    /// [`Lexer::array`] reads it, and is one [`Operand::Object`].
    fn flat_array(&mut self, items: &mut Vec<Operand>, bytes: &mut Vec<u8>) -> Result<Operand, LexError> {
        self.pos += 1;
        let start = items.len();
        loop {
            self.skip_space();
            let item = match self.data.get(self.pos) {
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Operand::Array(start, items.len()));
                }
                Some(b'[') => break,
                Some(b'<') if self.data.get(self.pos + 1) == Some(&b'<') => break,
                _ => {
                    // As `nested_object`, which counts an item before looking at it.
                    self.count()?;
                    let Some(&c) = self.data.get(self.pos) else {
                        return Err(LexError::Unterminated);
                    };
                    match c {
                        b'/' => {
                            let s = bytes.len();
                            self.name(bytes);
                            Operand::Name(s, bytes.len())
                        }
                        b'(' => {
                            let s = bytes.len();
                            self.literal_string(bytes)?;
                            Operand::String(s, bytes.len(), StringFormat::Literal)
                        }
                        b'<' => {
                            let s = bytes.len();
                            self.hex_string(bytes)?;
                            Operand::String(s, bytes.len(), StringFormat::Hexadecimal)
                        }
                        b'0'..=b'9' => self.number_or_reference().ok_or(LexError::Unexpected)?,
                        b'+' | b'-' | b'.' => self.number().ok_or(LexError::Unexpected)?,
                        b'n' | b't' | b'f' => self.keyword().ok_or(LexError::Unexpected)?,
                        _ => return Err(LexError::Unexpected),
                    }
                }
            };
            items.push(item);
        }
        // Nested arrays or dictionaries: the items so far become objects, the rest is read as
        // `array` reads it (nesting depth 1 from here, as there).
        let mut objects: Vec<Object> = items.drain(start..).map(|o| o.to_object(bytes, &[], &[])).collect();
        loop {
            self.skip_space();
            if self.data.get(self.pos) == Some(&b']') {
                self.pos += 1;
                return Ok(self.build(Object::Array(objects)));
            }
            objects.push(self.nested_object(1)?);
        }
    }

    /// `object` kept for the current operation, as an operand.
    fn build(&mut self, object: Object) -> Operand {
        self.built.push(object);
        Operand::Object(self.built.len() - 1)
    }

    fn count(&mut self) -> Result<(), LexError> {
        self.objects += 1;
        if self.objects > MAX_OBJECTS {
            return Err(LexError::TooManyObjects);
        }
        Ok(())
    }

    /// White space and comments (`%` to the end of the line).
    fn skip_space(&mut self) {
        self.pos = skip_space_at(self.data, self.pos);
    }

    /// The run of bytes from the current one while `f` holds (at least the current byte,
    /// which the caller has checked).
    fn run(&mut self, f: impl Fn(u8) -> bool) -> &'a [u8] {
        let d = self.data;
        let start = self.pos;
        let mut i = start + 1;
        while d.get(i).is_some_and(|&c| f(c)) {
            i += 1;
        }
        self.pos = i.min(d.len());
        &d[start.min(self.pos)..self.pos]
    }

    /// A token of regular characters that is neither an object nor an operator lopdf knows
    /// (`@`, `-`, `+Tj`): yielded as an operator, which the interpreter ignores, where lopdf
    /// would stop reading the stream.
    fn garbage(&mut self) -> &'a [u8] {
        self.run(|c| CLASS[c as usize] == REGULAR)
    }

    /// `null`, `true`, `false`, matched as prefixes like lopdf does (`nullTj` is null, then `Tj`).
    fn keyword(&mut self) -> Option<Operand> {
        let rest = self.data.get(self.pos..)?;
        let (object, len) = if rest.starts_with(b"null") {
            (Operand::Null, 4)
        } else if rest.starts_with(b"true") {
            (Operand::Boolean(true), 4)
        } else if rest.starts_with(b"false") {
            (Operand::Boolean(false), 5)
        } else {
            return None;
        };
        self.pos += len;
        Some(object)
    }

    /// A number, lopdf's grammar: an optional sign, then digits with an optional fraction, or a
    /// fraction alone; it ends where that grammar ends (`1.2.3` is 1.2 then .3, `12Tf` is 12
    /// then `Tf`). A `-` inside the fraction is ignored (`0.00-4142502`), as pdf.js and Poppler
    /// do. `None` if no number starts here.
    #[inline]
    fn number(&mut self) -> Option<Operand> {
        let d = self.data;
        let start = self.pos;
        let mut i = start;
        let negative = match d.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        // The digits' value is gathered while scanning them, rather than by reading them again,
        // and without overflow checks: it is used only where the digits are too few to overflow
        // (at most 15 with a fraction, 19 without), and worked out again with checks otherwise.
        let int_start = i;
        let mut value: u64 = 0;
        while let Some(&c) = d.get(i) {
            let digit = c.wrapping_sub(b'0');
            if digit > 9 {
                break;
            }
            value = value.wrapping_mul(10).wrapping_add(u64::from(digit));
            i += 1;
        }
        let int_digits = i - int_start;
        let fraction = d.get(i) == Some(&b'.') && (int_digits > 0 || d.get(i + 1).is_some_and(u8::is_ascii_digit));
        if fraction {
            i += 1;
            let fraction_start = i;
            let mut dash = false;
            while let Some(&c) = d.get(i) {
                let digit = c.wrapping_sub(b'0');
                if digit <= 9 {
                    value = value.wrapping_mul(10).wrapping_add(u64::from(digit));
                    i += 1;
                } else if c == b'-' {
                    dash = true;
                    i += 1;
                } else {
                    break;
                }
            }
            let text = &d[start..i];
            let fraction_digits = i - fraction_start;
            let value = if dash {
                let mut cleaned = Vec::with_capacity(text.len());
                cleaned.extend(text.first());
                cleaned.extend(text.iter().skip(1).filter(|&&c| c != b'-'));
                parse_f32(&cleaned)?
            } else if int_digits + fraction_digits <= 15 {
                // `fast_f32`'s arithmetic on the value gathered above, `parse_f32` on a tie.
                decimal_f32(negative, value, fraction_digits).or_else(|| parse_f32(text))?
            } else {
                parse_f32(text)?
            };
            self.pos = i;
            return Some(Operand::Real(value));
        }
        if int_digits == 0 {
            return None;
        }
        // 19 digits stay below 10^19 < 2^64; longer runs may have wrapped.
        let value = if int_digits <= 19 {
            Some(value)
        } else {
            digits_value(&d[int_start..i])
        };
        let value = value.and_then(|m| {
            if negative {
                0i64.checked_sub_unsigned(m)
            } else {
                i64::try_from(m).ok()
            }
        });
        let object = match value {
            Some(v) => Operand::Integer(v),
            // Beyond i64: lopdf stops reading; a real keeps the operation.
            None => {
                self.departed = true;
                Operand::Real(parse_f32(&d[start..i])?)
            }
        };
        self.pos = i;
        Some(object)
    }

    /// `n g R` or a number, at a digit in an array: as `reference().or_else(|| number())`, but
    /// the number is read first, and a reference looked for only after an integer followed by
    /// white space or a comment (the shape `reference` needs), where most `TJ` kerning numbers
    /// are followed by a string or `]`.
    fn number_or_reference(&mut self) -> Option<Operand> {
        let start = self.pos;
        let number = self.number()?;
        if matches!(number, Operand::Integer(_)) && self.data.get(self.pos).is_some_and(|&c| is_white(c) || c == b'%') {
            let end = self.pos;
            self.pos = start;
            if let Some(reference) = self.reference() {
                return Some(reference);
            }
            self.pos = end;
        }
        Some(number)
    }

    /// `n g R` inside an array or dictionary, as lopdf reads it there (never as an operand).
    #[inline]
    fn reference(&mut self) -> Option<Operand> {
        // `n g R` needs white space after the first number's digits: most numbers in arrays
        // (`TJ` kerning) are followed by a string or `]`, and fail here at once. The shape is
        // checked before any value is worked out: most numbers followed by white space are
        // no reference either (`/Flags 4`, widths).
        let d = self.data;
        let id_end = digits_end(d, self.pos);
        if !d.get(id_end).is_some_and(|&c| is_white(c) || c == b'%') {
            return None;
        }
        let generation_start = skip_space_at(d, id_end);
        let generation_end = digits_end(d, generation_start);
        if generation_end == generation_start {
            return None;
        }
        let r = skip_space_at(d, generation_end);
        if d.get(r) != Some(&b'R') {
            return None;
        }
        let id = u32::try_from(digits_value(&d[self.pos..id_end])?).ok()?;
        let generation = u16::try_from(digits_value(&d[generation_start..generation_end])?).ok()?;
        self.pos = r + 1;
        Some(Operand::Reference((id, generation)))
    }

    /// A name as a key or an object of its own. Allocated at its size at once: growing an
    /// empty `Vec` went through the allocator's growth path, ~290 instructions a name, and
    /// the loader reads a name for every dictionary key.
    fn owned_name(&mut self) -> Vec<u8> {
        let raw = self.raw_name();
        if !raw.contains(&b'#') {
            return raw.to_vec();
        }
        let mut out = Vec::with_capacity(raw.len());
        self.decode_name(raw, &mut out);
        out
    }

    /// `/Name` appended to `out`, with `#xx` escapes decoded; a `#` without two hex digits
    /// after it is kept.
    fn name(&mut self, out: &mut Vec<u8>) {
        let raw = self.raw_name();
        if !raw.contains(&b'#') {
            out.extend_from_slice(raw);
            return;
        }
        self.decode_name(raw, out);
    }

    /// The bytes of `/Name` after the `/`, as written.
    fn raw_name(&mut self) -> &'a [u8] {
        self.pos += 1;
        if self.data.get(self.pos).is_some_and(|&c| CLASS[c as usize] == REGULAR) {
            self.run(|c| CLASS[c as usize] == REGULAR)
        } else {
            &[]
        }
    }

    /// `raw`, a name holding a `#`, appended to `out` with its escapes decoded.
    fn decode_name(&mut self, raw: &[u8], out: &mut Vec<u8>) {
        let mut i = 0;
        while let Some(&c) = raw.get(i) {
            let escaped = match (c, raw.get(i + 1).copied(), raw.get(i + 2).copied()) {
                (b'#', Some(h), Some(l)) => hex_value(h).zip(hex_value(l)).map(|(h, l)| h << 4 | l),
                _ => None,
            };
            match escaped {
                Some(b) => {
                    out.push(b);
                    i += 3;
                }
                None => {
                    // lopdf ends the name before such a `#`.
                    self.departed |= c == b'#';
                    out.push(c);
                    i += 1;
                }
            }
        }
    }

    /// `( … )`: balanced parentheses nest, `\n \r \t \b \f \( \) \\` and `\ddd` (one to three
    /// octal digits, overflow ignored) are escapes, `\` before an end of line joins the lines,
    /// an end of line (CR, LF or CR LF) reads as LF, and `\` before any other byte is that byte.
    fn literal_string(&mut self, out: &mut Vec<u8>) -> Result<(), LexError> {
        let d = self.data;
        let mut i = self.pos + 1;
        let mut depth = 1usize;
        loop {
            let run_start = i;
            while d
                .get(i)
                .is_some_and(|&c| !matches!(c, b'(' | b')' | b'\\' | b'\r' | b'\n'))
            {
                i += 1;
            }
            out.extend_from_slice(&d[run_start..i]);
            let Some(&c) = d.get(i) else {
                return Err(LexError::Unterminated);
            };
            i += 1;
            match c {
                b'(' => {
                    depth += 1;
                    // lopdf reads 100 nested parentheses at most.
                    self.departed |= depth > 100;
                    out.push(b'(');
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        self.pos = i;
                        return Ok(());
                    }
                    out.push(b')');
                }
                b'\r' => {
                    if d.get(i) == Some(&b'\n') {
                        i += 1;
                    }
                    out.push(b'\n');
                }
                b'\n' => out.push(b'\n'),
                _ => {
                    let Some(&e) = d.get(i) else {
                        return Err(LexError::Unterminated);
                    };
                    i += 1;
                    match e {
                        b'0'..=b'7' => {
                            let mut value = u16::from(e - b'0');
                            for _ in 0..2 {
                                match d.get(i) {
                                    Some(&o @ b'0'..=b'7') => {
                                        value = value * 8 + u16::from(o - b'0');
                                        i += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(value as u8);
                        }
                        b'\r' => {
                            if d.get(i) == Some(&b'\n') {
                                i += 1;
                            }
                        }
                        b'\n' => {}
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(0x08),
                        b'f' => out.push(0x0C),
                        other => out.push(other),
                    }
                }
            }
        }
    }

    /// `< … >`: white space ignored, an odd last digit padded with 0; any other byte is an error.
    #[inline]
    fn hex_string(&mut self, out: &mut Vec<u8>) -> Result<(), LexError> {
        let d = self.data;
        let mut i = self.pos + 1;
        // Digit pairs with nothing between them, the usual `<0A1B>` of a `TJ` array, two at a
        // time; the general loop below takes over at anything else. Over the files of
        // `scripts/icount.sh` (52,200 hex strings in `TJ` arrays), `hex_string` went from 10.4M
        // to 7.0M instructions.
        while let Some(&[h, l]) = d.get(i..i + 2) {
            let (h, l) = (HEX[h as usize], HEX[l as usize]);
            if h == NOT_HEX || l == NOT_HEX {
                break;
            }
            out.push(h << 4 | l);
            i += 2;
        }
        if d.get(i) == Some(&b'>') {
            self.pos = i + 1;
            return Ok(());
        }
        // Room for the rest of the string at once. Linear overall: the scan stops at this
        // string's own end, or, with no `>` left, the string fails and so does the rest of the
        // stream.
        if let Some(len) = d.get(i..).and_then(|rest| rest.iter().position(|&c| c == b'>')) {
            out.reserve(len.div_ceil(2));
        }
        let mut high: Option<u8> = None;
        loop {
            let Some(&c) = d.get(i) else {
                return Err(LexError::Unterminated);
            };
            i += 1;
            if is_white(c) {
                continue;
            }
            if c == b'>' {
                out.extend(high.map(|h| h << 4));
                self.pos = i;
                return Ok(());
            }
            let v = hex_value(c).ok_or(LexError::Unexpected)?;
            match high.take() {
                Some(h) => out.push(h << 4 | v),
                None => high = Some(v),
            }
        }
    }

    /// `[ … ]`; `depth` counts the arrays and dictionaries around this one.
    fn array(&mut self, depth: usize) -> Result<Vec<Object>, LexError> {
        if depth >= MAX_NESTING {
            return Err(LexError::TooDeep);
        }
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_space();
            if self.data.get(self.pos) == Some(&b']') {
                self.pos += 1;
                return Ok(items);
            }
            items.push(self.nested_object(depth + 1)?);
        }
    }

    /// `<< /Key value … >>`; a repeated key keeps its last value, as in lopdf.
    fn dictionary(&mut self, depth: usize) -> Result<Dictionary, LexError> {
        if depth >= MAX_NESTING {
            return Err(LexError::TooDeep);
        }
        self.pos += 2;
        let mut dict = Dictionary::new();
        dict.as_hashmap_mut().reserve(self.dict_capacity);
        loop {
            self.skip_space();
            match self.data.get(self.pos) {
                None => return Err(LexError::Unterminated),
                Some(b'>') if self.data.get(self.pos + 1) == Some(&b'>') => {
                    self.pos += 2;
                    return Ok(dict);
                }
                Some(b'/') => {
                    let key = self.owned_name();
                    self.skip_space();
                    let value = self.nested_object(depth + 1)?;
                    dict.set(key, value);
                }
                Some(_) => return Err(LexError::Unexpected),
            }
        }
    }

    /// An element of an array or a value in a dictionary: besides what an operand may be,
    /// lopdf reads `true`, `false`, `null` and `n g R` here.
    fn nested_object(&mut self, depth: usize) -> Result<Object, LexError> {
        self.count()?;
        let Some(&c) = self.data.get(self.pos) else {
            return Err(LexError::Unterminated);
        };
        match c {
            b'/' => Ok(Object::Name(self.owned_name())),
            b'(' => {
                let mut out = Vec::new();
                self.literal_string(&mut out)?;
                Ok(Object::String(out, StringFormat::Literal))
            }
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => Ok(Object::Dictionary(self.dictionary(depth)?)),
            b'<' => {
                let mut out = Vec::new();
                self.hex_string(&mut out)?;
                Ok(Object::String(out, StringFormat::Hexadecimal))
            }
            b'[' => Ok(Object::Array(self.array(depth)?)),
            // Scalars: their objects need neither bytes nor items.
            b'0'..=b'9' => self
                .reference()
                .or_else(|| self.number())
                .map(|o| o.to_object(&[], &[], &[]))
                .ok_or(LexError::Unexpected),
            b'+' | b'-' | b'.' => self
                .number()
                .map(|o| o.to_object(&[], &[], &[]))
                .ok_or(LexError::Unexpected),
            b'n' | b't' | b'f' => self
                .keyword()
                .map(|o| o.to_object(&[], &[], &[]))
                .ok_or(LexError::Unexpected),
            _ => Err(LexError::Unexpected),
        }
    }

    /// After `BI`: the image dictionary up to `ID`, one white-space byte (CR LF counts as one),
    /// then the data, skipped. With no filter and a known colour space the dictionary gives the
    /// data's size, and `EI` must follow it (lopdf's rule); otherwise, or if it does not, the
    /// data ends before the first `EI` that has white space before it and white space, a
    /// delimiter or the end of the stream after it.
    fn inline_image(&mut self, operands: &mut Vec<Operand>) -> Result<&'a [u8], LexError> {
        operands.clear();
        let mut dict = Dictionary::new();
        loop {
            self.skip_space();
            let rest = self.data.get(self.pos..).unwrap_or_default();
            if rest.starts_with(b"ID") {
                self.pos += 2;
                break;
            }
            match rest.first() {
                None => return Err(LexError::Unterminated),
                Some(b'/') => {
                    let key = self.owned_name();
                    self.skip_space();
                    let value = self.nested_object(1)?;
                    dict.set(key, value);
                }
                Some(_) => return Err(LexError::Unexpected),
            }
        }
        let d = self.data;
        match d.get(self.pos) {
            Some(b'\r') => {
                self.pos += 1;
                if d.get(self.pos) == Some(&b'\n') {
                    self.pos += 1;
                }
            }
            Some(&c) if is_white(c) => self.pos += 1,
            _ => {}
        }
        let start = self.pos;
        let sized_end = inline_image_size(&dict)
            .and_then(|n| start.checked_add(n))
            .filter(|&end| end <= d.len())
            .and_then(|mut end| {
                while d.get(end).is_some_and(|&c| is_white(c)) {
                    end += 1;
                }
                d[end..].starts_with(b"EI").then_some(end + 2)
            });
        self.pos = match sized_end {
            Some(end) => end,
            None => find_ei(d, start).ok_or(LexError::Unterminated)?,
        };
        let image = self.build(Object::Dictionary(dict));
        operands.push(image);
        Ok(b"BI")
    }
}

/// One object (no operator) at `pos`, after white space and comments, read as lopdf's object
/// parser reads it (in arrays, dictionaries and indirect objects): the object and the offset
/// just past it. `None` where that parser fails or could read it otherwise: every departure
/// listed in the module doc is refused here, and the caps of this lexer are tighter than
/// lopdf's (nesting 64, not 100). For the PDF loader in `load.rs`.
pub(crate) fn object_at(data: &[u8], pos: usize) -> Option<(Object, usize)> {
    let mut lexer = Lexer::new(data);
    lexer.pos = pos;
    lexer.dict_capacity = 8;
    lexer.skip_space();
    let object = lexer.nested_object(0).ok()?;
    (!lexer.departed).then_some((object, lexer.pos))
}

/// A number of lopdf's grammar (an optional sign, digits, an optional `.` and digits) as
/// `str::parse::<f32>` reads it: correctly rounded.
fn parse_f32(text: &[u8]) -> Option<f32> {
    fast_f32(text).or_else(|| std::str::from_utf8(text).ok()?.parse().ok())
}

/// Exact powers of ten in `f64` (all up to 10^22 are).
const POW10: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// [`parse_f32`] without `str::parse` for the numbers content streams hold (at most 15 digits):
/// with `str::parse`, `Lexer::number` took 11.6M instructions over the files of
/// `scripts/icount.sh` (~300 per real operand), with this 9.1M. The digits make an integer below
/// 10^15 and the power of ten is exact, so their `f64` quotient is the decimal correctly
/// rounded to `f64`; rounding that to `f32` gives the
/// correctly rounded `f32` unless the `f64` lands exactly halfway between two `f32`s (a
/// double rounding), which is checked: then `None`, and `str::parse` decides. `None` also for
/// anything else `str::parse` should read (more digits, no digit).
fn fast_f32(text: &[u8]) -> Option<f32> {
    let (negative, body) = match text {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, text),
    };
    let mut mantissa: u64 = 0;
    let mut digits = 0usize;
    let mut fraction_digits = 0usize;
    let mut seen_dot = false;
    for &c in body {
        match c {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(c - b'0');
                digits += 1;
                fraction_digits += usize::from(seen_dot);
                if digits > 15 {
                    return None;
                }
            }
            b'.' if !seen_dot => seen_dot = true,
            _ => return None,
        }
    }
    if digits == 0 {
        return None;
    }
    decimal_f32(negative, mantissa, fraction_digits)
}

/// `mantissa / 10^fraction_digits`, negated if `negative`, correctly rounded to `f32`, for a
/// mantissa of at most 15 digits; `None` on a double-rounding tie (see [`fast_f32`]).
fn decimal_f32(negative: bool, mantissa: u64, fraction_digits: usize) -> Option<f32> {
    let quotient = mantissa as f64 / *POW10.get(fraction_digits)?;
    // The 29 bits an `f64` mantissa has beyond an `f32` one: exactly a half there is a tie.
    // (Quotients here are 0 or at least 1e-15, far from `f32`'s subnormals.)
    if quotient.to_bits() & ((1 << 29) - 1) == 1 << 28 {
        return None;
    }
    let value = quotient as f32;
    Some(if negative { -value } else { value })
}

/// The end of the run of ASCII digits at `i` (`i` itself if there is none).
fn digits_end(d: &[u8], mut i: usize) -> usize {
    while d.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    i
}

/// The value of a run of ASCII digits, `None` beyond `u64`.
fn digits_value(digits: &[u8]) -> Option<u64> {
    digits
        .iter()
        .try_fold(0u64, |v, &c| v.checked_mul(10)?.checked_add(u64::from(c - b'0')))
}

/// The end (just past `EI`) of inline image data starting at `start`, found by scanning.
fn find_ei(d: &[u8], start: usize) -> Option<usize> {
    // No data at all (`ID EI`, the one white-space byte after `ID` already read): the `EI`
    // has no white space of its own before it, and a scan for one would swallow the page.
    if d.get(start..start + 2) == Some(b"EI") && d.get(start + 2).is_none_or(|&c| CLASS[c as usize] != REGULAR) {
        return Some(start + 2);
    }
    let mut i = start;
    while let Some(window) = d.get(i..i + 3) {
        if window[1] == b'E' && window[2] == b'I' && is_white(window[0]) {
            let after = d.get(i + 3).copied();
            if after.is_none_or(|c| CLASS[c as usize] != REGULAR) {
                return Some(i + 3);
            }
        }
        i += 1;
    }
    None
}

/// The byte size of an inline image's data when its dictionary gives it, by lopdf's rules:
/// width, height and bits per component as integers (bits optional for an image mask), a colour
/// space among the device ones or an indexed one, and no filter.
fn inline_image_size(dict: &Dictionary) -> Option<usize> {
    let get = |short: &[u8], long: &[u8]| dict.get(short).or_else(|_| dict.get(long)).ok();
    let size = |o: &Object| match o {
        Object::Integer(v) => usize::try_from(*v).ok(),
        _ => None,
    };
    if get(b"F", b"Filter").is_some() {
        return None;
    }
    let width = size(get(b"W", b"Width")?)?;
    let height = size(get(b"H", b"Height")?)?;
    let mask = matches!(get(b"IM", b"ImageMask"), Some(Object::Boolean(true)));
    let bits = match get(b"BPC", b"BitsPerComponent") {
        None if mask => 1,
        other => size(other?)?,
    };
    let colors = if mask {
        1
    } else {
        match get(b"CS", b"ColorSpace")? {
            Object::Array(a) if matches!(a.first(), Some(Object::Name(n)) if n == b"Indexed" || n == b"I") => 1,
            Object::Name(n) => match n.as_slice() {
                b"DeviceGray" | b"G" | b"Gray" => 1,
                b"DeviceRGB" | b"RGB" => 3,
                b"DeviceRGBA" | b"RGBA" | b"DeviceCMYK" | b"CMYK" => 4,
                _ => return None,
            },
            _ => return None,
        }
    };
    bits.checked_mul(colors)
        .and_then(|bits_per_pixel| width.checked_mul(bits_per_pixel))
        .and_then(|row_bits| row_bits.div_ceil(8).checked_mul(height))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every operation of `data` as (operator, operands), and the error that ended it, if any.
    fn lex(data: &[u8]) -> (Vec<(String, Vec<Object>)>, Option<LexError>) {
        let mut lexer = Lexer::new(data);
        let mut ops = Vec::new();
        loop {
            match lexer.next_operation() {
                Ok(Some(op)) => ops.push((String::from_utf8_lossy(op).into_owned(), lexer.operands().to_objects())),
                Ok(None) => return (ops, None),
                Err(e) => return (ops, Some(e)),
            }
        }
    }

    fn ops(data: &[u8]) -> Vec<(String, Vec<Object>)> {
        let (ops, err) = lex(data);
        assert_eq!(err, None, "{:?}", String::from_utf8_lossy(data));
        ops
    }

    fn one(data: &[u8]) -> (String, Vec<Object>) {
        let mut all = ops(data);
        assert_eq!(all.len(), 1, "{all:?}");
        all.remove(0)
    }

    fn string(s: &[u8]) -> Object {
        Object::String(s.to_vec(), StringFormat::Literal)
    }

    fn hex(s: &[u8]) -> Object {
        Object::String(s.to_vec(), StringFormat::Hexadecimal)
    }

    fn name(s: &[u8]) -> Object {
        Object::Name(s.to_vec())
    }

    #[test]
    fn white_space_includes_nul_and_form_feed_and_comments_run_to_the_end_of_line() {
        let got = ops(b"\0\x0C 1\t2\r\n%comment Tj (x)\rTd\x0C\0%last");
        assert_eq!(got, vec![("Td".into(), vec![Object::Integer(1), Object::Integer(2)])]);
        // A comment between operands is skipped (lopdf stops reading there).
        assert_eq!(
            one(b"1 % one\n2 Td"),
            ("Td".into(), vec![Object::Integer(1), Object::Integer(2)])
        );
        assert!(ops(b"  \n% only a comment").is_empty());
    }

    #[test]
    fn numbers_follow_lopdf_and_end_where_their_grammar_ends() {
        let (op, got) = one(b"+1 -.5 3. -7 +.25 0.00-4142502 1.2.3 12abc");
        assert_eq!(op, "abc");
        assert_eq!(
            got,
            vec![
                Object::Integer(1),
                Object::Real(-0.5),
                Object::Real(3.0),
                Object::Integer(-7),
                Object::Real(0.25),
                Object::Real(0.004_142_502),
                Object::Real(1.2),
                Object::Real(0.3),
                Object::Integer(12),
            ]
        );
        assert_eq!(one(b"-9223372036854775808 n").1, vec![Object::Integer(i64::MIN)]);
        // Beyond i64 it is a real rather than the end of the stream.
        assert_eq!(one(b"99999999999999999999 n").1, vec![Object::Real(1e20)]);
        // An operator runs into digits, a number does not run into an operator.
        assert_eq!(one(b"0 0 1 1re").0, "re");
        assert_eq!(
            ops(b"T*-2 Tc"),
            vec![("T*".into(), vec![]), ("Tc".into(), vec![Object::Integer(-2)])]
        );
    }

    /// Around the digit counts where `number` trusts its unchecked value (19 digits for an
    /// integer, 15 with a fraction) and `reference` its shape check.
    #[test]
    fn long_numbers_and_near_references_read_as_before() {
        let n = |s: &[u8]| one(&[s, b" n"].concat()).1;
        assert_eq!(n(b"9223372036854775807"), vec![Object::Integer(i64::MAX)]);
        assert_eq!(n(b"-9223372036854775809"), vec![Object::Real(-9223372036854775809.0)]);
        assert_eq!(n(b"18446744073709551615"), vec![Object::Real(18446744073709551615.0)]);
        assert_eq!(n(b"184467440737095516160"), vec![Object::Real(1.8446744e20)]);
        assert_eq!(n(b"0000000000000000000012"), vec![Object::Integer(12)]);
        assert_eq!(n(b"-000000000000000000001"), vec![Object::Integer(-1)]);
        // As `str::parse` rounds them, by `fast_f32`'s arithmetic (15 digits) or by it (16).
        for text in ["0.123456789012345", "0.1234567890123456", "-7.00000000000001"] {
            let value: f32 = text.parse().unwrap();
            assert_eq!(n(text.as_bytes()), vec![Object::Real(value)], "{text}");
        }
        assert_eq!(n(b"12345678901234567890.5"), vec![Object::Real(1.2345679e19)]);
        assert_eq!(
            n(b"[1 0 R 12 5 3\n0\tR 7 ]"),
            vec![Object::Array(vec![
                Object::Reference((1, 0)),
                Object::Integer(12),
                Object::Integer(5),
                Object::Reference((3, 0)),
                Object::Integer(7),
            ])]
        );
        // An id past u32 or a generation past u16 is no reference; the `R` then ends the stream.
        for bad in [b"[4294967296 0 R] n".as_slice(), b"[1 65536 R] n", b"[1 R] n"] {
            assert_eq!(
                lex(bad).1,
                Some(LexError::Unexpected),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
        let mut dict = Dictionary::new();
        dict.set("Flags", 4);
        dict.set("W", vec![0.into(), 556.into(), 443.into()]);
        dict.set("P", Object::Reference((7, 0)));
        assert_eq!(
            object_at(b"<</Flags 4\n/W [0 556 443]/P 7 0 R>>", 0).map(|(o, _)| o),
            Some(Object::Dictionary(dict))
        );
    }

    #[test]
    fn a_sign_or_dot_that_starts_no_number_is_an_ignored_token() {
        assert_eq!(
            ops(b"1 - 2 Tc . +Tj (a) Tj"),
            vec![
                ("-".into(), vec![Object::Integer(1)]),
                ("Tc".into(), vec![Object::Integer(2)]),
                (".".into(), vec![]),
                ("+Tj".into(), vec![]),
                ("Tj".into(), vec![string(b"a")]),
            ]
        );
        assert_eq!(ops(b"@ ; (a)Tj")[2], ("Tj".into(), vec![string(b"a")]));
    }

    #[test]
    fn reals_read_as_str_parse_reads_them() {
        let parse = |t: &str| t.parse::<f32>().ok();
        // Ties between two f32s and numbers past the fast path go to `str::parse`.
        for t in [
            "0",
            "-0.",
            "+.5",
            "1.",
            "0.1",
            "-12.75",
            "90.1",
            "0.0901960784",
            "0.2117647058",
            "16777217.0",
            "16777219.",
            "33554433.0",
            "0.000000000000001",
            "999999999999999",
            "1234567890.12345",
            "12345678901234567",
            "3.4028236e38",
            ".",
            "-",
            "",
        ] {
            assert_eq!(parse_f32(t.as_bytes()), parse(t), "{t:?}");
        }
        assert_eq!(fast_f32(b"16777217.0"), None);
        assert_eq!(fast_f32(b"-0.0").map(f32::to_bits), Some((-0.0f32).to_bits()));
        // Deterministic random decimals of up to 15 digits, the dot anywhere.
        let mut next = ats_testkit::xorshift(0x2545_F491_4F6C_DD1D);
        for _ in 0..200_000 {
            let digits = 1 + (next() % 15) as usize;
            let mut t: String = (0..digits).map(|_| char::from(b'0' + (next() % 10) as u8)).collect();
            t.insert((next() % (digits as u64 + 1)) as usize, '.');
            if next().is_multiple_of(2) {
                t.insert(0, '-');
            }
            assert_eq!(
                parse_f32(t.as_bytes()).map(f32::to_bits),
                parse(&t).map(f32::to_bits),
                "{t:?}"
            );
        }
    }

    #[test]
    fn numbers_read_by_the_lexer_are_what_str_parse_reads() {
        // `number` gathers the digits' value while scanning: the same values as `parse_f32`
        // (so `str::parse`) and `i64` parsing, on deterministic random numbers of up to 20 digits.
        let mut next = ats_testkit::xorshift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..50_000 {
            let digits = 1 + (next() % 20) as usize;
            let mut t: String = (0..digits).map(|_| char::from(b'0' + (next() % 10) as u8)).collect();
            let dot = !next().is_multiple_of(3);
            if dot {
                t.insert((next() % (digits as u64 + 1)) as usize, '.');
            }
            match next() % 3 {
                0 => t.insert(0, '-'),
                1 => t.insert(0, '+'),
                _ => {}
            }
            let mut lexer = Lexer::new(t.as_bytes());
            lexer.pos = 0;
            let got = lexer.number();
            let want = match t.trim_start_matches('+').parse::<i64>() {
                Ok(v) if !dot => Some(Operand::Integer(v)),
                _ => t.parse::<f32>().ok().map(Operand::Real),
            };
            match (&got, &want) {
                (Some(Operand::Real(a)), Some(Operand::Real(b))) => assert_eq!(a.to_bits(), b.to_bits(), "{t:?}"),
                _ => assert_eq!(got, want, "{t:?}"),
            }
            assert_eq!(lexer.pos, t.len(), "{t:?}");
        }
    }

    #[test]
    fn hex_strings_read_the_same_in_pairs_and_one_digit_at_a_time() {
        for (text, bytes) in [
            (&b"<0A1b>Tj"[..], &b"\x0A\x1B"[..]),
            (b"<0A1 b>Tj", b"\x0A\x1B"),
            (b"<0A1>Tj", b"\x0A\x10"),
            (b"< 0A>Tj", b"\x0A"),
            (b"<FFff00>Tj", b"\xFF\xFF\x00"),
        ] {
            assert_eq!(one(text).1, vec![hex(bytes)], "{:?}", String::from_utf8_lossy(text));
        }
        assert_eq!(lex(b"<0A1G>Tj").1, Some(LexError::Unexpected));
        assert_eq!(lex(b"<0A1B").1, Some(LexError::Unterminated));
    }

    #[test]
    fn literal_strings_nest_and_unescape() {
        assert_eq!(one(b"(a(b)c) Tj").1, vec![string(b"a(b)c")]);
        assert_eq!(one(b"((()))Tj").1, vec![string(b"(())")]);
        assert_eq!(
            one(b"(\\n\\r\\t\\b\\f\\(\\)\\\\\\q) Tj").1,
            vec![string(b"\n\r\t\x08\x0C()\\q")]
        );
        // One to three octal digits; a fourth is a plain digit; overflow is ignored.
        assert_eq!(one(b"(\\0053\\7x\\101\\777) Tj").1, vec![string(b"\x053\x07xA\xFF")]);
        // A backslash before an end of line joins the lines; an end of line reads as LF.
        assert_eq!(one(b"(a\\\r\nb\\\nc\\\rd) Tj").1, vec![string(b"abcd")]);
        assert_eq!(one(b"(a\r\nb\rc\nd) Tj").1, vec![string(b"a\nb\nc\nd")]);
        // Deeper than lopdf's 100 levels, still one string.
        let deep = [vec![b'('; 500], vec![b')'; 500], b" Tj".to_vec()].concat();
        assert_eq!(one(&deep).1, vec![string(&deep[1..999])]);
    }

    #[test]
    fn hex_strings_skip_white_space_and_pad_an_odd_digit() {
        assert_eq!(one(b"<4E 6f\n7>Tj").1, vec![hex(b"No\x70")]);
        assert_eq!(one(b"<>Tj").1, vec![hex(b"")]);
        assert_eq!(one(b"<\x0C41\0>Tj").1, vec![hex(b"A")]);
        let (got, err) = lex(b"(a)Tj <4G> Tj");
        assert_eq!(got.len(), 1);
        assert_eq!(err, Some(LexError::Unexpected));
    }

    #[test]
    fn names_decode_hash_escapes() {
        assert_eq!(one(b"/F1 12 Tf").1, vec![name(b"F1"), Object::Integer(12)]);
        assert_eq!(one(b"/A#20B#2f/C#4 Tf").1, vec![name(b"A B/"), name(b"C#4")]);
        assert_eq!(one(b"/ 1 Tf").1, vec![name(b""), Object::Integer(1)]);
        assert_eq!(one(b"/A/B(c)Tj").1, vec![name(b"A"), name(b"B"), string(b"c")]);
    }

    #[test]
    fn arrays_dictionaries_booleans_null_and_references() {
        let (op, got) = one(b"[(a) -250 [1 true] (b)] TJ");
        assert_eq!(op, "TJ");
        assert_eq!(
            got,
            vec![Object::Array(vec![
                string(b"a"),
                Object::Integer(-250),
                Object::Array(vec![Object::Integer(1), Object::Boolean(true)]),
                string(b"b"),
            ])]
        );
        let (op, got) = one(b"/Span<</ActualText(x)/N null /D<</K[false]>> /R 3 0 R>>BDC");
        assert_eq!(op, "BDC");
        let Object::Dictionary(d) = &got[1] else {
            panic!("{got:?}")
        };
        assert_eq!(d.get(b"ActualText").ok(), Some(&string(b"x")));
        assert_eq!(d.get(b"N").ok(), Some(&Object::Null));
        assert_eq!(d.get(b"R").ok(), Some(&Object::Reference((3, 0))));
        // Keywords are objects as operands too; lopdf matches them as prefixes.
        assert_eq!(
            one(b"true false null nullTj").1,
            vec![
                Object::Boolean(true),
                Object::Boolean(false),
                Object::Null,
                Object::Null
            ]
        );
        // Only lopdf's arrays and dictionaries read references; as operands they are two numbers and `R`.
        assert_eq!(one(b"1 0 R").1, vec![Object::Integer(1), Object::Integer(0)]);
        assert_eq!(
            one(b"[1 0 %c\nR 1 2] n").1,
            vec![Object::Array(vec![
                Object::Reference((1, 0)),
                Object::Integer(1),
                Object::Integer(2)
            ])]
        );
    }

    #[test]
    fn operands_borrow_strings_and_flat_arrays_from_the_lexer() {
        let mut lexer =
            Lexer::new(b"/F#31 12 Tf [(ab) -250 <4142> 3.5 /N] TJ [(a) [1]] TJ (x) 1 true Tj BI /W 1 ID x EI");
        assert_eq!(lexer.next_operation(), Ok(Some(&b"Tf"[..])));
        let ops = lexer.operands();
        assert_eq!((ops.len(), ops.name(0), ops.string(0)), (2, Some(&b"F1"[..]), None));
        assert_eq!(
            (ops.number(1), ops.integer(1), ops.number(0)),
            (Some(12.0), Some(12), None)
        );
        assert_eq!(lexer.next_operation(), Ok(Some(&b"TJ"[..])));
        let ops = lexer.operands();
        let items = ops.items(0).unwrap();
        assert_eq!(items.len(), 5);
        assert_eq!(ops.string_of(&items[0]), Some(&b"ab"[..]));
        assert_eq!((items[1].number(), ops.string_of(&items[1])), (Some(-250.0), None));
        assert_eq!(ops.string_of(&items[2]), Some(&b"AB"[..]));
        assert_eq!((&items[3], items[3].number()), (&Operand::Real(3.5), Some(3.5)));
        assert_eq!(items[4].to_object(ops.bytes, ops.items, ops.objects), name(b"N"));
        assert_eq!(ops.object(0), None);
        // An array inside: the whole operand is a lopdf array.
        assert_eq!(lexer.next_operation(), Ok(Some(&b"TJ"[..])));
        let ops = lexer.operands();
        assert_eq!(ops.items(0), None);
        assert_eq!(
            ops.object(0),
            Some(&Object::Array(vec![
                string(b"a"),
                Object::Array(vec![Object::Integer(1)])
            ]))
        );
        assert_eq!(lexer.next_operation(), Ok(Some(&b"Tj"[..])));
        let ops = lexer.operands();
        assert_eq!(
            (ops.string(0), ops.integer(1), ops.get(2)),
            (Some(&b"x"[..]), Some(1), Some(&Operand::Boolean(true)))
        );
        assert_eq!(ops.get(3), None);
        assert_eq!(lexer.next_operation(), Ok(Some(&b"BI"[..])));
        assert!(matches!(lexer.operands().object(0), Some(Object::Dictionary(_))));
        assert_eq!(lexer.next_operation(), Ok(None));
        assert_eq!(lexer.operands().len(), 0);
    }

    #[test]
    fn operators_are_runs_of_letters_digits_and_quotes() {
        let got: Vec<String> = ops(b"q Q T* ' \" d0 d1 BT ET Tj TJ f* B* W* W n ETBT")
            .into_iter()
            .map(|o| o.0)
            .collect();
        assert_eq!(
            got,
            ["q", "Q", "T*", "'", "\"", "d0", "d1", "BT", "ET", "Tj", "TJ", "f*", "B*", "W*", "W", "n", "ETBT"]
        );
        assert_eq!(
            ops(b"1 2 3(x)\"(y)'"),
            vec![
                (
                    "\"".into(),
                    vec![Object::Integer(1), Object::Integer(2), Object::Integer(3), string(b"x")]
                ),
                ("'".into(), vec![string(b"y")]),
            ]
        );
    }

    #[test]
    fn operands_without_an_operator_at_the_end_are_dropped() {
        assert_eq!(ops(b"q 1 2 3"), vec![("q".into(), vec![])]);
    }

    #[test]
    fn unterminated_strings_arrays_and_dictionaries_end_the_stream_after_what_was_read() {
        for tail in [
            &b"(abc"[..],
            b"(a\\",
            b"<41",
            b"[1 2",
            b"[(a)",
            b"<</A 1",
            b"<</A",
            b"[<</A [1",
        ] {
            let data = [b"(ok)Tj ".as_slice(), tail].concat();
            let (got, err) = lex(&data);
            assert_eq!(got, vec![("Tj".into(), vec![string(b"ok")])], "{tail:?}");
            assert_eq!(err, Some(LexError::Unterminated), "{tail:?}");
        }
        for tail in [&b")"[..], b"]", b"{", b">", b"[1 }]", b"<<1 2>>"] {
            let (got, err) = lex(&[b"(ok)Tj ".as_slice(), tail].concat());
            assert_eq!(got.len(), 1);
            assert_eq!(err, Some(LexError::Unexpected), "{tail:?}");
        }
        // After the end, nothing more.
        let mut lexer = Lexer::new(b"(a");
        assert!(lexer.next_operation().is_err());
        assert_eq!(lexer.next_operation(), Ok(None));
        assert_eq!(lexer.operands().len(), 0);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        for open in [&b"["[..], b"<</A "] {
            let data: Vec<u8> = b"(a)Tj ".iter().copied().chain(open.repeat(10_000)).collect();
            let (got, err) = lex(&data);
            assert_eq!(got.len(), 1);
            assert_eq!(err, Some(LexError::TooDeep));
        }
        // 64 levels are read.
        let ok = [b"[".repeat(MAX_NESTING), b"]".repeat(MAX_NESTING), b" n".to_vec()].concat();
        assert_eq!(ops(&ok).len(), 1);
        let too_deep = [
            b"[".repeat(MAX_NESTING + 1),
            b"]".repeat(MAX_NESTING + 1),
            b" n".to_vec(),
        ]
        .concat();
        assert_eq!(lex(&too_deep).1, Some(LexError::TooDeep));
    }

    #[test]
    fn huge_operand_counts_stop_early() {
        let data: Vec<u8> = b"(a)Tj "
            .iter()
            .copied()
            .chain(b"0 ".repeat(1_000_000))
            .chain(*b"Tj")
            .collect();
        let (got, err) = lex(&data);
        assert_eq!(got.len(), 1);
        assert_eq!(err, Some(LexError::TooManyOperands));
        let at_cap = [b"1 ".repeat(MAX_OPERANDS), b"sc".to_vec()].concat();
        assert_eq!(ops(&at_cap)[0].1.len(), MAX_OPERANDS);
        let array = [b"[".to_vec(), b"1 ".repeat(MAX_OBJECTS + 10), b"] TJ".to_vec()].concat();
        assert_eq!(lex(&array).1, Some(LexError::TooManyObjects));
        let dict = [b"<<".to_vec(), b"/a 1 ".repeat(MAX_OBJECTS + 10), b">> BDC".to_vec()].concat();
        assert_eq!(lex(&dict).1, Some(LexError::TooManyObjects));
    }

    #[test]
    fn long_runs_are_read_in_linear_time() {
        // Each of these would take minutes if any byte were read once per byte before it.
        let n = 2_000_000;
        let cases: Vec<Vec<u8>> = vec![
            [b"(".to_vec(), vec![b'x'; n], b")Tj".to_vec()].concat(),
            [b"(".repeat(n), b")".repeat(n), b"Tj".to_vec()].concat(),
            b"(".repeat(n),
            [b"<".to_vec(), b"4".repeat(n)].concat(),
            b"@".repeat(n),
            b"1.-".repeat(n / 3),
            b"%".repeat(n),
            [b"BI /W 1 ID ".to_vec(), b" E".repeat(n / 2)].concat(),
            [b"[".to_vec(), b"1 ".repeat(n / 40), b"]".to_vec()].concat(),
        ];
        for data in cases {
            let started = std::time::Instant::now();
            let _ = lex(&data);
            assert!(started.elapsed().as_secs() < 20);
        }
    }

    #[test]
    fn inline_images_are_one_bi_operation_and_their_data_is_skipped() {
        // Sized by its dictionary (1×8 pixels of 8-bit gray = 8 bytes) with `EI` inside the data.
        let data = b"q BI /W 1 /H 8 /BPC 8 /CS /G ID \n EI \0EI EI Q";
        let got = ops(data);
        assert_eq!(got.iter().map(|o| o.0.as_str()).collect::<Vec<_>>(), ["q", "BI", "Q"]);
        let Object::Dictionary(d) = &got[1].1[0] else { panic!() };
        assert_eq!(d.get(b"W").ok(), Some(&Object::Integer(1)));
        // Filtered: scanned for white space, EI, then white space, a delimiter or the end.
        let data = b"BI /W 9 /H 9 /BPC 8 /CS /RGB /F /DCT ID xEIx EIq EIEI\n EI/F1 12 Tf (after) Tj";
        assert_eq!(
            ops(data).into_iter().map(|o| o.0).collect::<Vec<_>>(),
            ["BI", "Tf", "Tj"]
        );
        let data = b"BI /IM true /W 16 /H 2 /F [/AHx] ID\r\nab EI";
        assert_eq!(ops(data).len(), 1);
        // An image mask needs no bits per component; CR LF after ID is one separator.
        let data = b"BI /IM true /W 16 /H 2 ID\r\naEIb EI (x) Tj";
        assert_eq!(ops(data).into_iter().map(|o| o.0).collect::<Vec<_>>(), ["BI", "Tj"]);
        // A size that does not end at EI falls back to scanning.
        let data = b"BI /W 100 /H 1 /BPC 8 /CS /G ID abc EI (x) Tj";
        assert_eq!(ops(data).into_iter().map(|o| o.0).collect::<Vec<_>>(), ["BI", "Tj"]);
        // Operands before BI are dropped; a missing EI ends the stream.
        assert_eq!(ops(b"1 2 BI ID x EI")[0].1.len(), 1);
        assert_eq!(lex(b"BI /W 1 ID xx").1, Some(LexError::Unterminated));
        assert_eq!(lex(b"BI /W 1").1, Some(LexError::Unterminated));
        assert_eq!(lex(b"BI 1 ID x EI").1, Some(LexError::Unexpected));
        // No data and no size (a negative width): `EI` right after the separator ends it.
        let data = b"BI /W -5 /H 0 /BPC 8 /CS /G ID EI Q (after) Tj";
        assert_eq!(
            ops(data).into_iter().map(|o| o.0).collect::<Vec<_>>(),
            ["BI", "Q", "Tj"]
        );
        assert_eq!(lex(b"BI /W -5 ID EIx").1, Some(LexError::Unterminated));
    }

    /// lopdf's operations for `data`, up to where it stops.
    fn lopdf_ops(data: &[u8]) -> Vec<(String, Vec<Object>)> {
        lopdf::content::Content::decode_iter(data)
            .map_while(Result::ok)
            .map(|op| (op.operator, op.operands))
            .collect()
    }

    /// `ours` reads everything lopdf reads: lopdf's operations are a prefix of ours. Inline
    /// images are compared by operator only, and no further: lopdf's operand is a stream, ours
    /// the dictionary, and lopdf reads `BI` after operands as a plain operator.
    fn assert_reads_what_lopdf_reads(data: &[u8], exact: bool) {
        let theirs = lopdf_ops(data);
        let (ours, _) = lex(data);
        for (i, t) in theirs.iter().enumerate() {
            let o = ours.get(i);
            let context = || format!("operation {i} of {:?}", String::from_utf8_lossy(data));
            assert_eq!(o.map(|o| &o.0), Some(&t.0), "{}", context());
            if t.0 == "BI" {
                return;
            }
            assert_eq!(o.map(|o| &o.1), Some(&t.1), "{}", context());
        }
        if exact {
            assert_eq!(ours.len(), theirs.len(), "{:?}", String::from_utf8_lossy(data));
        }
    }

    const SAMPLE: &[u8] = b"q 0.5 0 0 .5 10 -20.25 cm BT /F1 12 Tf 1 0 0 1 72 700 Tm (Hello \\(world\\)) Tj \
        [(A) -250 (B) 33.5 <4142>] TJ T* 14 TL 0 Tw 0 Tc 100 Tz 0 Ts 2 Tr (x) ' 1 2 (y) \" ET \
        /Span <</ActualText (fi) /MCID 3>> BDC EMC /P /MC0 BDC EMC 1 0 0 rg 0 g 0 0 0 1 k \
        /CS0 cs 0.1 0.2 0.3 sc /P0 scn 10 10 100 50 re f 0 0 m 10 10 l 1 2 3 4 5 6 c h S \
        [3 1] 0 d /GS0 gs /Im0 Do Q";

    #[test]
    fn reads_what_lopdf_reads_on_a_sample_stream() {
        assert_reads_what_lopdf_reads(SAMPLE, true);
        assert_eq!(ops(SAMPLE).len(), 38);
    }

    #[test]
    fn reads_at_least_what_lopdf_reads_on_damaged_streams() {
        // Deterministic byte flips, insertions and cuts of the sample, with bytes that matter
        // to the grammar.
        let alphabet = b"()<>[]{}/%\\#+-.0123456789 \n\r\0\x0CEIBDTjnulltruefalseR'\"*@\xFF";
        let mut next = ats_testkit::xorshift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..3000 {
            let mut data = SAMPLE.to_vec();
            for _ in 0..1 + next() % 4 {
                let at = (next() % data.len() as u64) as usize;
                let byte = alphabet[(next() % alphabet.len() as u64) as usize];
                match next() % 3 {
                    0 => data[at] = byte,
                    1 => data.insert(at, byte),
                    _ => data.truncate(at.max(1)),
                }
            }
            assert_reads_what_lopdf_reads(&data, false);
        }
    }

    /// One token of a content stream, weighted towards numbers: the lexer reads them on a path
    /// of its own (no overflow checks, references), which must agree with lopdf's.
    fn content_token() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            4 => "[+-]{0,2}[0-9]{0,22}(\\.[0-9]{0,14})?(\\.[0-9]{0,3})?",
            1 => "[0-9]{1,3} [0-9]{1,2} R",
            1 => "/[A-Za-z0-9#_.+-]{0,8}",
            1 => "\\((\\\\.|[a-z ()])*\\)",
            1 => "<[0-9a-fA-F ]{0,8}>",
            1 => "(true|false|null)",
            1 => "[\\[\\]]|<<|>>",
            2 => "(Tj|TJ|Td|Tf|cm|re|BT|ET|q|Q|'|\"|T\\*|d0|BDC|EMC)",
            1 => "%[a-z ]{0,6}\n",
        ]
    }

    proptest::proptest! {
        /// Generated streams, numbers most of all, read as lopdf reads them.
        #[test]
        fn reads_what_lopdf_reads_on_generated_streams(
            tokens in proptest::collection::vec(content_token(), 0..24),
            separators in proptest::collection::vec("[ \n\r\t\x0C\x00]{1,2}|", 24),
        ) {
            let mut data = Vec::new();
            for (token, separator) in tokens.iter().zip(&separators) {
                data.extend_from_slice(token.as_bytes());
                data.extend_from_slice(separator.as_bytes());
            }
            assert_reads_what_lopdf_reads(&data, false);
        }
    }

    /// Every content stream of the shared corpus (pages and form XObjects) reads the same as
    /// with lopdf, operation for operation, to the end.
    #[test]
    fn reads_exactly_what_lopdf_reads_on_the_corpus() {
        let pdfs = ats_testkit::corpus_files("the content lexer against lopdf", "pdf");
        if pdfs.is_empty() {
            return;
        }
        let mut streams = 0;
        for path in &pdfs {
            let Ok(doc) = lopdf::Document::load(path) else { continue };
            let mut contents: Vec<Vec<u8>> = doc.get_pages().values().map(|&id| doc.get_page_content(id)).collect();
            for object in doc.objects.values() {
                if let Ok(s) = object.as_stream() {
                    if s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form") {
                        contents.extend(s.decompressed_content().ok());
                    }
                }
            }
            for content in contents {
                assert_reads_what_lopdf_reads(&content, true);
                streams += 1;
            }
        }
        eprintln!(
            "{} PDFs, {streams} content streams read as lopdf reads them",
            pdfs.len()
        );
        assert!(streams > 0);
    }
}
