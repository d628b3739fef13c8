//! Builds the hostile corpus of issue 7 §2 entirely in code (never downloaded): empty and random
//! files, truncated and bit-flipped PDFs and DOCX, decompression bombs, zip headers that lie,
//! entity expansion and external entities, deep nesting, reference cycles, operator floods, a
//! 300-page PDF, renamed images, a legacy `.doc` and a password-protected PDF.
//!
//! Shared by `tests/hostile.rs` (in memory, bombs at a smaller scale that still exceeds the
//! default caps) and `examples/hostile_corpus.rs` (files, bombs at full scale). Expects the
//! including crate to also include `pdfgen.rs` as `crate::pdfgen`.
#![allow(dead_code)]

use std::io::{Seek, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::pdfgen::{self, Page, Run};

/// Outcomes `ats_parse::extract` may give for a case: "Ok" or an `ExtractError` variant name
/// (see [`outcome`]); "*" allows any outcome but a panic.
pub type Expect = &'static [&'static str];

/// One hostile input.
pub struct Case {
    /// File name, with the extension a client would send.
    pub name: String,
    pub bytes: Vec<u8>,
    pub expect: Expect,
}

impl Case {
    fn new(name: &str, bytes: Vec<u8>, expect: Expect) -> Case {
        Case {
            name: name.to_string(),
            bytes,
            expect,
        }
    }
}

const ANY: Expect = &["*"];
const BROKEN: Expect = &["Ok", "Malformed"];
const CAP: Expect = &["LimitExceeded"];
const CAP_OR_TIME: Expect = &["LimitExceeded", "Timeout"];

/// Sizes of the generated bombs.
#[derive(Clone, Copy)]
pub struct Scale {
    /// Bytes the FlateDecode content stream inflates to.
    pub pdf_bomb: u64,
    /// Bytes `word/document.xml` of the DOCX bomb inflates to.
    pub docx_bomb: u64,
}

impl Scale {
    /// The sizes issue 7 names: 1 GiB and 2 GiB.
    pub const FULL: Scale = Scale {
        pdf_bomb: 1 << 30,
        docx_bomb: 2 << 30,
    };
    /// Small enough for a debug test, still 8× the default 8 MiB stream cap.
    pub const TEST: Scale = Scale {
        pdf_bomb: 64 << 20,
        docx_bomb: 64 << 20,
    };
}

/// The name of an outcome, for comparing with a case's [`Expect`].
pub fn outcome<T>(r: &Result<T, ats_parse::ExtractError>) -> &'static str {
    use ats_parse::ExtractError as E;
    match r {
        Ok(_) => "Ok",
        Err(E::Empty) => "Empty",
        Err(E::TooLarge { .. }) => "TooLarge",
        Err(E::Unsupported(_)) => "Unsupported",
        Err(E::EncryptedPdf) => "EncryptedPdf",
        Err(E::EncryptedDocx) => "EncryptedDocx",
        Err(E::Malformed { .. }) => "Malformed",
        Err(E::LimitExceeded { .. }) => "LimitExceeded",
        Err(E::Timeout { .. }) => "Timeout",
        Err(_) => "Other",
    }
}

/// Every case held in memory. The DOCX bomb is left out: build it with [`docx_bomb`] (the
/// example streams it to a file).
pub fn cases(scale: Scale) -> Vec<Case> {
    let mut out = Vec::new();
    let mut add = |name: &str, bytes: Vec<u8>, expect: Expect| out.push(Case::new(name, bytes, expect));
    let exts = ["pdf", "docx", "txt", "md", "doc"];

    // Empty and random files under each extension.
    for ext in exts {
        add(&format!("empty.{ext}"), Vec::new(), &["Empty"]);
        add(
            &format!("random.{ext}"),
            random_bytes(64 << 10, 7 + ext.len() as u64),
            &["Unsupported"],
        );
    }
    let mut pdf_random = b"%PDF-1.7\n".to_vec();
    pdf_random.extend(random_bytes(64 << 10, 11));
    add("random-after-pdf-header.pdf", pdf_random, &["Malformed"]);
    let mut zip_random = b"PK\x03\x04word/document.xml".to_vec();
    zip_random.extend(random_bytes(64 << 10, 13));
    add("random-after-zip-header.docx", zip_random, &["Malformed"]);

    // Truncated and bit-flipped PDFs and DOCX.
    let pdf = resume_pdf(1);
    let docx = resume_docx();
    for (tag, base) in [("pdf", &pdf), ("docx", &docx)] {
        for percent in [1usize, 10, 50, 90, 99] {
            let cut = (base.len() * percent / 100).max(1);
            add(
                &format!("truncated-{percent}pct.{tag}"),
                base[..cut].to_vec(),
                &["Ok", "Malformed", "Unsupported", "Empty"],
            );
        }
        for seed in 1..=12u64 {
            add(
                &format!("bitflip-{seed:02}.{tag}"),
                bit_flipped(base, seed, 1 + seed as usize * 2),
                ANY,
            );
        }
    }

    // A FlateDecode content stream that inflates to `scale.pdf_bomb` bytes of zeros.
    add(
        &format!("flate-bomb-{}.pdf", human(scale.pdf_bomb)),
        flate_bomb_pdf(scale.pdf_bomb),
        CAP,
    );

    // Zip entries whose headers lie about their size.
    add(
        "zip-local-header-lies.docx",
        lying_zip(&docx, Lie::LocalHuge),
        &["Ok", "Malformed", "LimitExceeded"],
    );
    add(
        "zip-central-header-lies-huge.docx",
        lying_zip(&docx, Lie::CentralHuge),
        &["Ok", "Malformed", "LimitExceeded"],
    );
    add(
        "zip-central-header-lies-small.docx",
        lying_zip(&docx, Lie::CentralSmall),
        &["Ok", "Malformed", "LimitExceeded"],
    );
    add(
        "zip-entry-count-lies.docx",
        lying_zip(&docx, Lie::EntryCount),
        &["Malformed", "LimitExceeded"],
    );

    // Entity expansion and external entities in document.xml.
    add(
        "billion-laughs.docx",
        docx_with(&billion_laughs()),
        &["Ok", "Malformed", "LimitExceeded"],
    );
    add(
        "external-entity.docx",
        docx_with(&external_entity()),
        &["Ok", "Malformed"],
    );

    // 20,000 nested tables.
    add("nested-tables-20000.docx", docx_with(&nested_tables(20_000)), CAP);

    // 10,000-deep nested PDF arrays, in an object and as a content-stream operand.
    add("nested-arrays-object.pdf", nested_array_pdf(10_000, false), BROKEN);
    add(
        "nested-arrays-content.pdf",
        nested_array_pdf(10_000, true),
        &["Ok", "Malformed", "LimitExceeded"],
    );

    // /Parent and /Kids cycles; an xref pointing at itself.
    add("kids-cycle.pdf", kids_cycle_pdf(), BROKEN);
    add("parent-cycle.pdf", parent_cycle_pdf(), BROKEN);
    add("xref-prev-self.pdf", xref_self_pdf(false), BROKEN);
    add("xref-entry-at-xref.pdf", xref_self_pdf(true), BROKEN);

    // Millions of operators: 3,000,000 `q` (graphics-state depth), 3,000,000 `q Q` pairs.
    add("q-3000000.pdf", content_pdf(&b"q\n".repeat(3_000_000)), CAP_OR_TIME);
    add("qQ-3000000.pdf", content_pdf(&b"q Q\n".repeat(1_500_000)), CAP_OR_TIME);

    // 300 pages (the default page cap is 50).
    add("pages-300.pdf", many_pages_pdf(300), &["Ok", "LimitExceeded"]);

    // A PNG renamed .pdf, a legacy .doc, a password-protected PDF.
    add("png-renamed.pdf", png(), &["Unsupported"]);
    add("legacy.doc", legacy_doc(), &["Unsupported"]);
    add("legacy-renamed.docx", legacy_doc(), &["Unsupported"]);
    add("password.pdf", encrypted_pdf(), &["EncryptedPdf"]);
    out.extend(amplification_cases());
    out
}

/// The second hostile set (issue 15 item 3): small files whose parse or text output grows far
/// beyond their size, and the four shapes of issue 15 item 4 that used to lose text quietly.
/// Each stays under the 10 MB input cap.
pub fn amplification_cases() -> Vec<Case> {
    let mut out = Vec::new();
    let mut add = |name: &str, bytes: Vec<u8>, expect: Expect| out.push(Case::new(name, bytes, expect));
    // One ToUnicode code standing for 60,000 characters: shown by 40,000 `Tj`, and 5,000 times
    // in one string. The mapping is longer than the format allows and is dropped: the page reads
    // as its readable line and 40,000 (5,000) glyphs that map to no text.
    add(
        "tounicode-60000-chars-x40000-tj.pdf",
        long_mapping_pdf(60_000, 40_000, 1),
        &["Ok"],
    );
    add(
        "tounicode-60000-chars-x5000-glyphs.pdf",
        long_mapping_pdf(60_000, 1, 5_000),
        &["Ok"],
    );
    // Many small items in one object: empty names in the Info dictionary, integers in an
    // array, a width table; the same array inside an object stream (which lopdf parses whole),
    // and read by lopdf after a damaged table.
    add(
        "info-empty-names-9.9MB.pdf",
        info_pdf(&format!("/Keywords [{}]", "/".repeat(9_900_000))),
        CAP,
    );
    let ints = "0 ".repeat(4_900_000);
    add(
        "array-4.9M-integers.pdf",
        page_extra_pdf(&format!("[{ints}]"), false),
        CAP,
    );
    add(
        "array-4.9M-integers-damaged-xref.pdf",
        page_extra_pdf(&format!("[{ints}]"), true),
        CAP,
    );
    add("widths-3.9M-entries.pdf", widths_pdf(3_900_000), CAP);
    add(
        "objstm-8M-empty-names.pdf",
        object_stream_pdf(&format!("[{}]", "/".repeat(8_000_000))),
        CAP,
    );
    // An object stream inflating past the per-stream cap: the error names the cap.
    add("objstm-flate-bomb-64MiB.pdf", object_stream_bomb_pdf(64 << 20), CAP);
    // Siblings: a dictionary of 900,000 keys, and dictionaries nested 1,000,000 deep.
    let keys: String = (0..900_000).map(|i| format!("/k{i} 0")).collect();
    add("dict-900k-keys.pdf", page_extra_pdf(&format!("<<{keys}>>"), false), CAP);
    add(
        "dict-nested-1M.pdf",
        page_extra_pdf(
            &format!("{}0{}", "<</a ".repeat(1_000_000), ">>".repeat(1_000_000)),
            false,
        ),
        &["Ok", "Malformed", "LimitExceeded"],
    );
    out.extend(lost_text_cases().into_iter().map(|(name, bytes, _)| Case {
        name: name.to_string(),
        bytes,
        expect: &["Ok"],
    }));
    out
}

/// The text every [`lost_text_cases`] file shows after its trick.
pub const AFTER_THE_TRICK: &str = "Senior Data Engineer";

/// Issue 15 item 4: shapes that once lost text pdftotext reads. Each shows "Jordan Lee", then
/// does its trick, then shows [`AFTER_THE_TRICK`]. Name, bytes, and what the trick is.
pub fn lost_text_cases() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let rest = format!("BT /F1 12 Tf 72 680 Td ({AFTER_THE_TRICK}) Tj ET\n");
    let plain = |content: &[u8], media_box: &str| {
        let mut data = HELLO.to_vec();
        data.extend(content);
        data.extend(rest.as_bytes());
        raw_pdf(
            &[
                b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
                format!("<< /Type /Page /Parent 2 0 R /MediaBox {media_box} /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>").into_bytes(),
                stream_obj("", &data),
                FONT.to_vec(),
            ],
            1,
        )
    };
    let huge_box = plain(b"", "[-1e308 -1e308 1e308 1e308]");
    let empty_image = plain(
        b"q 10 0 0 10 72 600 cm BI /W -5 /H 0 /BPC 8 /CS /G ID EI Q\n",
        "[0 0 612 792]",
    );
    // The content stream's /Length is a reference to the content stream itself.
    let mut data = HELLO.to_vec();
    data.extend(rest.as_bytes());
    let mut content = b"<< /Length 4 0 R >>\nstream\n".to_vec();
    content.extend(&data);
    content.extend(b"\nendstream");
    let self_length = raw_pdf(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
            content,
            FONT.to_vec(),
        ],
        1,
    );
    vec![
        ("mediabox-1e308.pdf", huge_box, "a MediaBox of ±1e308"),
        (
            "inline-image-w-minus-5.pdf",
            empty_image,
            "an empty inline image with /W -5 /H 0",
        ),
        (
            "length-refers-to-itself.pdf",
            self_length,
            "a /Length that refers to its own stream",
        ),
        (
            "object-stream-loop.pdf",
            object_stream_loop_pdf(&rest),
            "an object stream that extends itself",
        ),
    ]
}

/// The page's font (object 5) is in an object stream (6) whose `/Extends` is itself, listed
/// by a cross-reference stream.
fn object_stream_loop_pdf(rest: &str) -> Vec<u8> {
    let mut data = HELLO.to_vec();
    data.extend(rest.as_bytes());
    let members = [String::from_utf8_lossy(FONT).into_owned()];
    let index = "5 0 ";
    let body = format!("{index}{}", members[0]);
    let objstm = stream_obj(
        &format!("/Type /ObjStm /N 1 /First {} /Extends 6 0 R", index.len()),
        body.as_bytes(),
    );
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
        stream_obj("", &data),
    ];
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    let mut put = |out: &mut Vec<u8>, n: usize, body: &[u8]| {
        offsets.push(out.len());
        out.extend(format!("{n} 0 obj\n").as_bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    };
    for (i, body) in objects.iter().enumerate() {
        put(&mut out, i + 1, body);
    }
    put(&mut out, 6, &objstm);
    let xref_at = out.len();
    // Type 1 entries for 1–4 and 6, type 2 for 5 (in stream 6, index 0), 7 is this stream.
    let mut rows = vec![[0u8, 0, 0, 0, 0]];
    for (i, &o) in offsets.iter().enumerate() {
        let n = if i < 4 { i + 1 } else { 6 };
        if n == 6 {
            rows.push([2, 0, 0, 6, 0]);
        }
        rows.push([1, (o >> 16) as u8, (o >> 8) as u8, o as u8, 0]);
    }
    rows.push([1, (xref_at >> 16) as u8, (xref_at >> 8) as u8, xref_at as u8, 0]);
    let table: Vec<u8> = rows.concat();
    let xref = stream_obj("/Type /XRef /Size 8 /W [1 3 1] /Root 1 0 R", &table);
    out.extend(b"7 0 obj\n");
    out.extend(&xref);
    out.extend(format!("\nendobj\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
    out
}

fn flate(data: &[u8]) -> Vec<u8> {
    use flate2::write::ZlibEncoder;
    let mut enc = ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(data).expect("in memory");
    enc.finish().expect("in memory")
}

/// Catalog 1, Pages 2, Page 3 (with `page_extra` in its dictionary), content 4, `font` 5, then
/// `more` objects from 6.
fn page_pdf(content: &[u8], page_extra: &str, font: &[u8], more: Vec<Vec<u8>>) -> Vec<u8> {
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R {page_extra} >>").into_bytes(),
        stream_obj("/Filter /FlateDecode", &flate(content)),
        font.to_vec(),
    ];
    objects.extend(more);
    raw_pdf(&objects, 1)
}

/// A font whose ToUnicode maps code 1 to `chars` letters, drawn by `shows` `Tj` operators of
/// `glyphs` codes each after a readable line.
fn long_mapping_pdf(chars: usize, shows: usize, glyphs: usize) -> Vec<u8> {
    let dst = "0041".repeat(chars);
    let cmap = format!(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def\n\
         1 begincodespacerange <00> <FF> endcodespacerange\n1 beginbfchar <01> <{dst}> endbfchar\n\
         endcmap CMapName currentdict /CMap defineresource pop end end\n"
    );
    let font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>";
    let mut content = HELLO.to_vec();
    content.extend(b"BT /F1 12 Tf 72 700 Td\n");
    let show = [b"(".to_vec(), vec![1u8; glyphs], b") Tj\n".to_vec()].concat();
    for _ in 0..shows {
        content.extend(&show);
    }
    content.extend(b"ET\n");
    page_pdf(
        &content,
        "",
        font,
        vec![stream_obj("/Filter /FlateDecode", &flate(cmap.as_bytes()))],
    )
}

/// A readable page whose Info dictionary holds `entries`.
fn info_pdf(entries: &str) -> Vec<u8> {
    let good = page_pdf(
        HELLO,
        "",
        FONT,
        vec![format!("<< /Title (Resume) {entries} >>").into_bytes()],
    );
    let text = String::from_utf8_lossy(&good).into_owned();
    text.replacen("/Root 1 0 R", "/Root 1 0 R /Info 6 0 R", 1).into_bytes()
}

/// A readable page whose dictionary refers to object 6, `object`. `damaged_xref`: the
/// `startxref` offset points nowhere, so lopdf rebuilds the table and parses every object.
fn page_extra_pdf(object: &str, damaged_xref: bool) -> Vec<u8> {
    let pdf = page_pdf(HELLO, "/Extra 6 0 R", FONT, vec![object.as_bytes().to_vec()]);
    if !damaged_xref {
        return pdf;
    }
    let text = String::from_utf8_lossy(&pdf).into_owned();
    let at = text.rfind("startxref\n").expect("a startxref") + "startxref\n".len();
    let end = at + text[at..].find('\n').expect("an offset");
    format!("{}{}{}", &text[..at], "9", &text[end..]).into_bytes()
}

/// A font whose `/Widths` table has `n` entries.
fn widths_pdf(n: usize) -> Vec<u8> {
    let widths = "1 ".repeat(n);
    let font = format!(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 0 /LastChar {} /Widths [{widths}] >>",
        n - 1
    );
    page_pdf(HELLO, "", font.as_bytes(), vec![])
}

/// A readable page and an object stream (object 6) whose data inflates to `n` zero bytes.
pub fn object_stream_bomb_pdf(n: u64) -> Vec<u8> {
    let objstm = stream_obj("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", &zeros_zlib(n));
    page_pdf(HELLO, "", FONT, vec![objstm])
}

/// A readable page and an object stream (object 6) holding `object` as object 7, referred to
/// by the page.
fn object_stream_pdf(object: &str) -> Vec<u8> {
    let body = format!("7 0 {object}");
    let objstm = stream_obj(
        "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode",
        &flate(body.as_bytes()),
    );
    page_pdf(HELLO, "/Extra 7 0 R", FONT, vec![objstm])
}

/// "1GiB", "64MiB".
pub fn human(n: u64) -> String {
    if n >= 1 << 30 && n & ((1 << 30) - 1) == 0 {
        format!("{}GiB", n >> 30)
    } else {
        format!("{}MiB", n >> 20)
    }
}

// ---------------------------------------------------------------------------------------------
// Building blocks

/// A deterministic xorshift stream.
fn random_bytes(n: usize, seed: u64) -> Vec<u8> {
    let mut next = ats_testkit::xorshift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    (0..n).map(|_| (next() >> 24) as u8).collect()
}

/// `base` with `flips` bytes XOR-ed with random non-zero values at random places (past the
/// first 8 bytes, so the format is still sniffed).
fn bit_flipped(base: &[u8], seed: u64, flips: usize) -> Vec<u8> {
    let mut out = base.to_vec();
    let r = random_bytes(flips * 8, seed * 31 + 5);
    for chunk in r.chunks(8) {
        let pos = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]) as usize;
        let at = 8 + pos % (out.len() - 8);
        out[at] ^= chunk[4] | 1;
    }
    out
}

/// A one-page résumé PDF from lopdf's writer.
pub fn resume_pdf(pages: usize) -> Vec<u8> {
    pdfgen::build(&(0..pages).map(|i| resume_page(i + 1)).collect::<Vec<_>>())
}

fn resume_page(n: usize) -> Page {
    let mut runs = vec![Run::new(54.0, 740.0, 18.0, "Jordan Lee").bold()];
    runs.extend(pdfgen::flow(
        54.0,
        720.0,
        &[
            "jordan.lee@example.com | +1 555 0100",
            "# Experience",
            "- Built feature pipelines in Python and PyTorch",
            "- Reduced training cost by 35% with mixed precision",
            "# Skills",
            "Python, PyTorch, Kubernetes, SQL",
        ],
    ));
    runs.push(Run::new(54.0, 40.0, 8.0, &format!("Page {n}")));
    Page { runs, boxes: vec![] }
}

fn many_pages_pdf(pages: usize) -> Vec<u8> {
    resume_pdf(pages)
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
const DOC_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;
const DOC_TAIL: &str = "</w:body></w:document>";

fn para(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// A small résumé DOCX written with the `zip` crate from XML strings.
pub fn resume_docx() -> Vec<u8> {
    let body: String = [
        "Jordan Lee",
        "jordan.lee@example.com | +1 555 0100",
        "EXPERIENCE",
        "Built feature pipelines in Python and PyTorch",
        "Reduced training cost by 35% with mixed precision",
        "SKILLS",
        "Python, PyTorch, Kubernetes, SQL",
    ]
    .iter()
    .map(|t| para(t))
    .collect();
    docx_with(&format!("{DOC_HEAD}{body}{DOC_TAIL}"))
}

/// A DOCX whose `word/document.xml` is `document_xml`.
pub fn docx_with(document_xml: &str) -> Vec<u8> {
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, body) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("word/document.xml", document_xml),
    ] {
        zip.start_file(name, opts).expect("zip in memory");
        zip.write_all(body.as_bytes()).expect("zip in memory");
    }
    zip.finish().expect("zip in memory").into_inner()
}

/// Streams a DOCX whose `word/document.xml` inflates to about `inflated` bytes (one run of
/// spaces inside `<w:t>`) through `ZipWriter` with Deflate, 1 MiB at a time: the generator
/// never holds more than a chunk.
pub fn docx_bomb<W: Write + Seek>(w: W, inflated: u64) -> zip::result::ZipResult<W> {
    let mut zip = ZipWriter::new(w);
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", opts)?;
    zip.write_all(CONTENT_TYPES.as_bytes())?;
    zip.start_file("_rels/.rels", opts)?;
    zip.write_all(ROOT_RELS.as_bytes())?;
    zip.start_file("word/document.xml", opts.large_file(inflated >= u32::MAX as u64))?;
    let head = format!("{DOC_HEAD}<w:p><w:r><w:t xml:space=\"preserve\">");
    let tail = format!("</w:t></w:r></w:p>{DOC_TAIL}");
    zip.write_all(head.as_bytes())?;
    let chunk = vec![b' '; 1 << 20];
    let mut left = inflated.saturating_sub((head.len() + tail.len()) as u64);
    while left > 0 {
        let n = left.min(chunk.len() as u64) as usize;
        zip.write_all(&chunk[..n])?;
        left -= n as u64;
    }
    zip.write_all(tail.as_bytes())?;
    zip.finish()
}

/// The DOCX bomb in memory.
pub fn docx_bomb_vec(inflated: u64) -> Vec<u8> {
    docx_bomb(std::io::Cursor::new(Vec::new()), inflated)
        .expect("zip in memory")
        .into_inner()
}

pub enum Lie {
    /// The local file header of document.xml claims 4 GiB − 2 inflated.
    LocalHuge,
    /// The central directory claims document.xml inflates to 4 GiB − 2.
    CentralHuge,
    /// The central directory claims document.xml inflates to 10 bytes.
    CentralSmall,
    /// The end-of-central-directory record claims 65,535 entries.
    EntryCount,
}

fn lying_zip(docx: &[u8], lie: Lie) -> Vec<u8> {
    let mut out = docx.to_vec();
    let name = b"word/document.xml";
    let find = |sig: &[u8], name_at: usize, out: &[u8]| -> Option<usize> {
        (0..out.len().saturating_sub(name_at + name.len()))
            .find(|&i| out[i..].starts_with(sig) && out[i + name_at..].starts_with(name))
    };
    match lie {
        Lie::LocalHuge => {
            if let Some(p) = find(b"PK\x03\x04", 30, &out) {
                out[p + 22..p + 26].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
            }
        }
        Lie::CentralHuge | Lie::CentralSmall => {
            let size: u32 = if matches!(lie, Lie::CentralHuge) {
                0xFFFF_FFFE
            } else {
                10
            };
            if let Some(p) = find(b"PK\x01\x02", 46, &out) {
                out[p + 24..p + 28].copy_from_slice(&size.to_le_bytes());
            }
        }
        Lie::EntryCount => {
            if let Some(p) = (0..out.len() - 4).rev().find(|&i| out[i..].starts_with(b"PK\x05\x06")) {
                out[p + 8..p + 10].copy_from_slice(&0xFFFFu16.to_le_bytes());
                out[p + 10..p + 12].copy_from_slice(&0xFFFFu16.to_le_bytes());
            }
        }
    }
    out
}

fn billion_laughs() -> String {
    let mut dtd = String::from("<!DOCTYPE w:document [\n<!ENTITY lol \"lol\">\n");
    for i in 1..=9 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        dtd.push_str(&format!("<!ENTITY lol{i} \"{}\">\n", format!("&{prev};").repeat(10)));
    }
    dtd.push_str("]>\n");
    let head = DOC_HEAD.replacen("?>\n", &format!("?>\n{dtd}"), 1);
    format!("{head}{}{}{DOC_TAIL}", para("Jordan Lee"), para("&lol9;"))
}

fn external_entity() -> String {
    let dtd = "<!DOCTYPE w:document [\n<!ENTITY x SYSTEM \"file:///etc/passwd\">\n<!ENTITY y SYSTEM \"http://127.0.0.1:9/x\">\n]>\n";
    let head = DOC_HEAD.replacen("?>\n", &format!("?>\n{dtd}"), 1);
    format!("{head}{}{}{}{DOC_TAIL}", para("Jordan Lee"), para("&x;"), para("&y;"))
}

fn nested_tables(depth: usize) -> String {
    let open = "<w:tbl><w:tr><w:tc>".repeat(depth);
    let close = "</w:tc></w:tr></w:tbl>".repeat(depth);
    format!(
        "{DOC_HEAD}{}{open}{}{close}{DOC_TAIL}",
        para("Jordan Lee"),
        para("deep")
    )
}

/// Assembles a PDF from object bodies (object `i + 1` is `objects[i]`) with a correct classic
/// xref table and the trailer `/Root root 0 R`.
fn raw_pdf(objects: &[Vec<u8>], root: usize) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream_obj(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend(data);
    out.extend(b"\nendstream");
    out
}

const FONT: &[u8] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
const HELLO: &[u8] = b"BT /F1 12 Tf 72 720 Td (Jordan Lee) Tj ET\n";

/// Catalog 1, Pages 2, Page 3, content 4, font 5.
fn content_pdf(content: &[u8]) -> Vec<u8> {
    let mut data = HELLO.to_vec();
    data.extend(content);
    raw_pdf(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
            stream_obj("", &data),
            FONT.to_vec(),
        ],
        1,
    )
}

fn nested_array_pdf(depth: usize, in_content: bool) -> Vec<u8> {
    let arrays = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
    if in_content {
        return content_pdf(format!("BT /F1 12 Tf 72 700 Td {arrays} TJ ET\n").as_bytes());
    }
    raw_pdf(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R /Deep 6 0 R >>".to_vec(),
            stream_obj("", HELLO),
            FONT.to_vec(),
            arrays.into_bytes(),
        ],
        1,
    )
}

/// The Pages node lists itself among its kids.
fn kids_cycle_pdf() -> Vec<u8> {
    raw_pdf(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [2 0 R 3 0 R 6 0 R] /Count 3 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
            stream_obj("", HELLO),
            FONT.to_vec(),
            b"<< /Type /Pages /Parent 2 0 R /Kids [6 0 R 2 0 R] /Count 1 >>".to_vec(),
        ],
        1,
    )
}

/// A page inherits its resources through a /Parent chain that loops (2 → 6 → 2).
fn parent_cycle_pdf() -> Vec<u8> {
    raw_pdf(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Parent 6 0 R /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>".to_vec(),
            stream_obj("", HELLO),
            FONT.to_vec(),
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>".to_vec(),
        ],
        1,
    )
}

/// `prev_self`: the trailer's /Prev is the offset of its own xref table. Otherwise the xref
/// entry of the content stream points at the xref table itself.
fn xref_self_pdf(entry_at_xref: bool) -> Vec<u8> {
    let good = content_pdf(b"");
    let text = String::from_utf8_lossy(&good).into_owned();
    let xref = text.rfind("xref\n0 ").expect("an xref table");
    if entry_at_xref {
        // Object 4 (the content stream) is the 5th entry after the "0 6" line.
        let mut lines: Vec<String> = text[xref..].lines().map(str::to_string).collect();
        lines[2 + 4] = format!("{xref:010} 00000 n ");
        let mut out = text[..xref].to_string();
        out.push_str(&lines.join("\n"));
        out.push('\n');
        out.into_bytes()
    } else {
        text.replacen(" /Root 1 0 R >>", &format!(" /Root 1 0 R /Prev {xref} >>"), 1)
            .into_bytes()
    }
}

/// zlib bytes that inflate to `n` zeros: one fixed-Huffman block of a literal 0 followed by
/// back-references of length 258 at distance 1 (13 bits per 258 bytes, about 159:1; a 1 GiB
/// bomb is 6.8 MB, under the 10 MB input cap), written by hand so no compressor runs over `n` bytes.
pub fn zeros_zlib(n: u64) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        len: u32,
    }
    impl Bits {
        fn put(&mut self, value: u64, bits: u32) {
            self.acc |= value << self.len;
            self.len += bits;
            while self.len >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.len -= 8;
            }
        }
        /// A Huffman code, most significant bit first.
        fn code(&mut self, code: u64, bits: u32) {
            let mut rev = 0;
            for i in 0..bits {
                rev |= ((code >> i) & 1) << (bits - 1 - i);
            }
            self.put(rev, bits);
        }
    }
    let mut b = Bits {
        out: vec![0x78, 0x01],
        acc: 0,
        len: 0,
    };
    b.put(1, 1); // BFINAL
    b.put(1, 2); // BTYPE = fixed Huffman
    if n > 0 {
        b.code(0x30, 8); // literal 0
        let rest = n - 1;
        // Eight copies of (length 258 = code 285, 8 bits 11000101; distance 1 = code 0,
        // 5 bits) are 104 bits = 13 whole bytes when the writer is byte-aligned; write them
        // one at a time, simple is fast enough.
        for _ in 0..rest / 258 {
            b.code(0b1100_0101, 8);
            b.code(0, 5);
        }
        for _ in 0..rest % 258 {
            b.code(0x30, 8);
        }
    }
    b.code(0, 7); // end of block
    if b.len > 0 {
        b.put(0, 8 - b.len);
    }
    // Adler-32 of n zeros: A stays 1, B = n mod 65521.
    let adler = (((n % 65521) as u32) << 16) | 1;
    b.out.extend(adler.to_be_bytes());
    b.out
}

fn flate_bomb_pdf(n: u64) -> Vec<u8> {
    let data = zeros_zlib(n);
    raw_pdf(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents [6 0 R 4 0 R] >>".to_vec(),
            stream_obj("/Filter /FlateDecode", &data),
            FONT.to_vec(),
            stream_obj("", HELLO),
        ],
        1,
    )
}

/// A 1×1 PNG.
fn png() -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(b"\0\0\0\x0dIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89");
    out.extend(b"\0\0\0\x0dIDAT\x78\x9c\x63\x00\x01\x00\x00\x05\x00\x01\x0d\x0a\x2d\xb4");
    out.extend(b"\0\0\0\0IEND\xaeB`\x82");
    out
}

/// The first sector of an OLE compound file holding a `WordDocument` stream name.
fn legacy_doc() -> Vec<u8> {
    let mut out = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    out.resize(512, 0);
    out[0x18] = 0x3E; // minor version
    out[0x1A] = 0x03; // major version 3
    out[0x1C] = 0xFE; // byte order FFFE
    out[0x1D] = 0xFF;
    out[0x1E] = 0x09; // sector shift 9
    out.extend("Root Entry".encode_utf16().flat_map(u16::to_le_bytes));
    out.resize(1024, 0);
    out.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    out.resize(4096, 0);
    out
}

/// A résumé PDF encrypted by lopdf (standard security handler, RC4 128-bit, revision 3) with a
/// non-empty user password.
pub fn encrypted_pdf() -> Vec<u8> {
    pdfgen::encrypt(&resume_pdf(1), "user-secret")
}
