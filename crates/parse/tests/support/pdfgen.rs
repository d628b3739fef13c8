//! Builds small PDFs with lopdf's writer for tests and the shipped sample: Helvetica text,
//! a Type0 font with a ToUnicode CMap, white or invisible text, ruled boxes.
#![allow(dead_code)]

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream, StringFormat};

/// Which font a run uses.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
    /// A Type0 (CID) font with Identity-H encoding and a ToUnicode CMap.
    Cid,
    /// Adobe's Symbol font, unembedded, with a ToUnicode CMap saying what each code used
    /// stands for (see [`Run::symbol`]).
    Symbol,
    /// Wingdings, unembedded, with the same ToUnicode CMap as `Symbol` (see [`Run::dingbat`]).
    Dingbat,
    /// An icon font (FontAwesome, as a CV class embeds it) with the same ToUnicode CMap as
    /// `Symbol` (see [`Run::icon`]).
    Icon,
}

/// One run of text at a position (points from the bottom-left corner).
#[derive(Clone)]
pub struct Run {
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub text: String,
    pub face: Face,
    /// Text render mode 3 (invisible).
    pub invisible: bool,
    /// Filled in white.
    pub white: bool,
    /// When not empty, the run is drawn as one `TJ` array of these strings, each followed by
    /// its adjustment in 1/1000 em (negative moves right), and `text` is ignored.
    pub tj: Vec<(String, f32)>,
    /// A `Symbol` run: the code drawn and the text its ToUnicode gives it.
    pub symbol: Option<(u8, String)>,
}

impl Run {
    pub fn new(x: f32, y: f32, size: f32, text: &str) -> Run {
        Run {
            x,
            y,
            size,
            text: text.to_string(),
            face: Face::Regular,
            invisible: false,
            white: false,
            tj: Vec::new(),
            symbol: None,
        }
    }
    /// A run drawn as one `TJ` array: each string followed by its adjustment (1/1000 em,
    /// negative moves right), as typesetters space words and kern letters.
    pub fn tj(x: f32, y: f32, size: f32, items: &[(&str, f32)]) -> Run {
        let mut run = Run::new(x, y, size, "");
        run.tj = items.iter().map(|&(t, n)| (t.to_string(), n)).collect();
        run.text = run.tj.iter().map(|(t, _)| t.as_str()).collect();
        run
    }
    /// One glyph of the Symbol font, code `code`, whose ToUnicode says it is `maps_to`.
    pub fn symbol(x: f32, y: f32, size: f32, code: u8, maps_to: &str) -> Run {
        let mut run = Run::new(x, y, size, "");
        run.face = Face::Symbol;
        run.symbol = Some((code, maps_to.to_string()));
        run
    }
    /// One glyph of Wingdings, as [`Run::symbol`].
    pub fn dingbat(x: f32, y: f32, size: f32, code: u8, maps_to: &str) -> Run {
        let mut run = Run::symbol(x, y, size, code, maps_to);
        run.face = Face::Dingbat;
        run
    }
    /// One glyph of an icon font, as [`Run::symbol`].
    pub fn icon(x: f32, y: f32, size: f32, code: u8, maps_to: &str) -> Run {
        let mut run = Run::symbol(x, y, size, code, maps_to);
        run.face = Face::Icon;
        run
    }
    pub fn bold(mut self) -> Run {
        self.face = Face::Bold;
        self
    }
    pub fn cid(mut self) -> Run {
        self.face = Face::Cid;
        self
    }
    pub fn invisible(mut self) -> Run {
        self.invisible = true;
        self
    }
    pub fn white(mut self) -> Run {
        self.white = true;
        self
    }
}

/// A page: text runs and stroked rectangles (x, y, w, h).
#[derive(Clone, Default)]
pub struct Page {
    pub runs: Vec<Run>,
    pub boxes: Vec<[f32; 4]>,
}

/// Lays out `lines` top-down from y = 742 at `x` with 14 pt leading, 10 pt Helvetica; a line
/// starting with "# " is a bold 13 pt heading, "- " a bullet.
pub fn flow(x: f32, top: f32, lines: &[&str]) -> Vec<Run> {
    let mut y = top;
    let mut runs = Vec::new();
    for line in lines {
        if let Some(h) = line.strip_prefix("# ") {
            y -= 6.0;
            runs.push(Run::new(x, y, 13.0, h).bold());
            y -= 18.0;
        } else if let Some(b) = line.strip_prefix("- ") {
            runs.push(Run::new(x, y, 10.0, "\u{2022}"));
            runs.push(Run::new(x + 12.0, y, 10.0, b));
            y -= 14.0;
        } else {
            runs.push(Run::new(x, y, 10.0, line));
            y -= 14.0;
        }
    }
    runs
}

/// WinAnsi bytes for the characters tests use (ASCII, Latin-1, bullet, dashes).
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '\u{2022}' => 0x95,
            '\u{2013}' => 0x96,
            '\u{2014}' => 0x97,
            c if (c as u32) < 256 => c as u8,
            _ => b'?',
        })
        .collect()
}

/// Builds the PDF.
pub fn build(pages: &[Page]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let helv = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let helv_bold = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica-Bold", "Encoding" => "WinAnsiEncoding",
    });
    // The CID font: code = 1 + index of the character in `cid_chars`.
    let mut cid_chars: Vec<char> = Vec::new();
    for p in pages {
        for r in p.runs.iter().filter(|r| r.face == Face::Cid) {
            for c in r.text.chars() {
                if !cid_chars.contains(&c) {
                    cid_chars.push(c);
                }
            }
        }
    }
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    cmap.push_str(&format!("{} beginbfchar\n", cid_chars.len()));
    for (i, c) in cid_chars.iter().enumerate() {
        let mut units = [0u16; 2];
        let enc: String = c.encode_utf16(&mut units).iter().map(|u| format!("{u:04X}")).collect();
        cmap.push_str(&format!("<{:04X}> <{}>\n", i + 1, enc));
    }
    cmap.push_str("endbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    let to_unicode = doc.add_object(Stream::new(dictionary! {}, cmap.into_bytes()));
    let widths: Vec<Object> = cid_chars
        .iter()
        .map(|c| Object::Integer(if *c == ' ' { 278 } else { 556 }))
        .collect();
    let descendant = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "ABCDEF+TestSans",
        "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 },
        "DW" => 556,
        "W" => vec![Object::Integer(1), Object::Array(widths)],
    });
    let cid_font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "ABCDEF+TestSans", "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Reference(descendant)], "ToUnicode" => to_unicode,
    });
    // The Symbol font: each code used, mapped as its run says (the last run's word for a code).
    let mut symbol_map: Vec<(u8, String)> = Vec::new();
    for r in pages.iter().flat_map(|p| &p.runs) {
        if let Some((code, text)) = &r.symbol {
            symbol_map.retain(|(c, _)| c != code);
            symbol_map.push((*code, text.clone()));
        }
    }
    let mut symbol_cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n",
    );
    symbol_cmap.push_str(&format!("{} beginbfchar\n", symbol_map.len()));
    for (code, text) in &symbol_map {
        let enc: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
        symbol_cmap.push_str(&format!("<{code:02X}> <{enc}>\n"));
    }
    symbol_cmap.push_str("endbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    let symbol_to_unicode = doc.add_object(Stream::new(dictionary! {}, symbol_cmap.into_bytes()));
    let symbol_font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Symbol", "FirstChar" => 32,
        "Widths" => (32..=255).map(|c| Object::Integer(if c == 0xB7 { 460 } else { 500 })).collect::<Vec<_>>(),
        "ToUnicode" => symbol_to_unicode,
    });
    let dingbat_font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "Wingdings-Regular", "FirstChar" => 32,
        "Widths" => vec![Object::Integer(750); 224],
        "ToUnicode" => symbol_to_unicode,
    });
    let icon_font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "QWERTY+FontAwesome5Free-Solid", "FirstChar" => 32,
        "Widths" => vec![Object::Integer(1000); 224],
        "ToUnicode" => symbol_to_unicode,
    });
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! {
            "F1" => helv, "F2" => helv_bold, "F3" => cid_font, "F4" => symbol_font, "F5" => dingbat_font,
            "F6" => icon_font,
        },
    });
    let mut kids = Vec::new();
    for page in pages {
        let mut ops = Vec::new();
        for b in &page.boxes {
            ops.push(Operation::new("re", b.iter().map(|&v| v.into()).collect()));
            ops.push(Operation::new("S", vec![]));
        }
        for r in &page.runs {
            let (font, bytes) = match r.face {
                Face::Regular => ("F1", win_ansi(&r.text)),
                Face::Bold => ("F2", win_ansi(&r.text)),
                Face::Cid => (
                    "F3",
                    r.text
                        .chars()
                        .flat_map(|c| {
                            let code = cid_chars.iter().position(|&x| x == c).unwrap_or(0) as u16 + 1;
                            code.to_be_bytes()
                        })
                        .collect(),
                ),
                Face::Symbol => ("F4", r.symbol.iter().map(|s| s.0).collect()),
                Face::Dingbat => ("F5", r.symbol.iter().map(|s| s.0).collect()),
                Face::Icon => ("F6", r.symbol.iter().map(|s| s.0).collect()),
            };
            ops.push(Operation::new("BT", vec![]));
            ops.push(Operation::new("g", vec![if r.white { 1.into() } else { 0.into() }]));
            ops.push(Operation::new(
                "Tr",
                vec![if r.invisible { 3.into() } else { 0.into() }],
            ));
            ops.push(Operation::new("Tf", vec![font.into(), r.size.into()]));
            ops.push(Operation::new("Td", vec![r.x.into(), r.y.into()]));
            if r.tj.is_empty() {
                ops.push(Operation::new("Tj", vec![Object::String(bytes, StringFormat::Literal)]));
            } else {
                let encode = |t: &str| match r.face {
                    Face::Bold | Face::Regular => win_ansi(t),
                    _ => panic!("TJ runs are Helvetica"),
                };
                let mut items = Vec::new();
                for (t, n) in &r.tj {
                    items.push(Object::String(encode(t), StringFormat::Literal));
                    items.push(Object::Real(*n));
                }
                ops.push(Operation::new("TJ", vec![Object::Array(items)]));
            }
            ops.push(Operation::new("ET", vec![]));
        }
        let content = Content { operations: ops };
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap_or_default()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "Resources" => resources, "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        });
        kids.push(Object::Reference(page_id));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let info = doc.add_object(dictionary! { "Producer" => Object::string_literal("ats-check test fixtures") });
    doc.trailer.set("Info", info);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("writing a PDF to memory cannot fail");
    out
}

/// Encrypts `pdf` with lopdf's standard security handler (RC4 128-bit, revision 3) under
/// `user_password` ("" opens without one, as owner-password-only exports do).
pub fn encrypt(pdf: &[u8], user_password: &str) -> Vec<u8> {
    let mut doc = Document::load_mem(pdf).expect("lopdf reads its own output");
    let id = Object::string_literal(b"ats-check-test".to_vec());
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    let state = lopdf::EncryptionState::try_from(lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner-secret",
        user_password,
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    })
    .expect("an encryption state");
    doc.encrypt(&state).expect("encrypting");
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("writing to memory");
    out
}

/// `s` broken into lines of at most `width` characters at spaces (a longer word keeps its own
/// line): how the sample and the load examples lay out body text.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in s.split_whitespace() {
        let last = lines.last_mut().expect("never empty");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

/// A PDF of `pages` pages, each a 4×4 grey picture stretched over the page, as a scanner
/// stores a page, and no text.
pub fn scanned(pages: usize) -> Vec<u8> {
    let mut doc = lopdf::Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let pixels: Vec<u8> = (0..16u8).map(|i| i * 16).collect();
    let image = doc.add_object(lopdf::Stream::new(
        lopdf::dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 4, "Height" => 4,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        pixels,
    ));
    let kids: Vec<lopdf::Object> = (0..pages)
        .map(|_| {
            let contents = doc.add_object(lopdf::Stream::new(
                lopdf::dictionary! {},
                b"q 612 0 0 792 0 0 cm /Im1 Do Q".to_vec(),
            ));
            doc.add_object(lopdf::dictionary! {
                "Type" => "Page", "Parent" => pages_id, "Contents" => contents,
                "Resources" => lopdf::dictionary! { "XObject" => lopdf::dictionary! { "Im1" => image } },
                "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            })
            .into()
        })
        .collect();
    doc.objects.insert(
        pages_id,
        lopdf::Object::Dictionary(lopdf::dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => pages as i64 }),
    );
    let catalog = doc.add_object(lopdf::dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("a PDF in memory");
    out
}
