//! DOCX extraction through the public API: fixtures written with docx-rs (what it can write)
//! or assembled with the zip writer from XML strings (text boxes, columns, hostile files),
//! plus the shared corpus when it is present.

use std::io::{Cursor, Write};
use std::time::{Duration, Instant};

use ats_parse::{extract, BandKind, Document, ExtractError, Format, HiddenReason, Limits, Region, Unsupported};
use docx_rs::{
    AbstractNumbering, BreakType, Delete, Docx, Footer, Header, Hyperlink, HyperlinkType, IndentLevel, Insert, Level,
    LevelJc, LevelText, NumberFormat, Numbering, NumberingId, Paragraph, Run, Start, Style, StyleType, Table,
    TableCell, TableRow,
};
use unicode_normalization::UnicodeNormalization;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const W_NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml""#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

fn read(bytes: &[u8]) -> Document {
    match extract(bytes, &Limits::default()) {
        Ok(doc) => doc,
        Err(e) => panic!("extraction failed: {e:?}"),
    }
}

fn texts(doc: &Document) -> Vec<&str> {
    doc.lines.iter().map(|l| l.text.as_str()).collect()
}

fn line<'d>(doc: &'d Document, text: &str) -> &'d ats_parse::Line {
    doc.lines
        .iter()
        .find(|l| l.text == text)
        .unwrap_or_else(|| panic!("no line {text:?} in {:?}", texts(doc)))
}

/// A zip of `(name, content)` entries, deflated.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, content) in entries {
        zip.start_file(*name, options).expect("start entry");
        zip.write_all(content).expect("write entry");
    }
    zip.finish().expect("finish zip").into_inner()
}

/// A DOCX with `body` as the content of `w:body`, plus extra parts.
fn docx_with(body: &str, extra: &[(&str, &str)]) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W_NS}><w:body>{body}</w:body></w:document>"#
    );
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
    ];
    entries.extend(extra.iter().map(|(n, c)| (*n, c.as_bytes())));
    zip_of(&entries)
}

fn para(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

// ---------------------------------------------------------------------------------------------
// Fixtures written with docx-rs
// ---------------------------------------------------------------------------------------------

fn docx_rs_resume() -> Vec<u8> {
    let bullet_numbering = AbstractNumbering::new(1).add_level(Level::new(
        0,
        Start::new(1),
        NumberFormat::new("bullet"),
        LevelText::new("•"),
        LevelJc::new("left"),
    ));
    let docx = Docx::new()
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("heading 1")
                .bold()
                .size(32),
        )
        .add_abstract_numbering(bullet_numbering)
        .add_numbering(Numbering::new(1, 1))
        .header(
            Header::new()
                .add_paragraph(Paragraph::new().add_run(Run::new().add_text("Jane Doe").bold().size(28)))
                .add_paragraph(Paragraph::new().add_run(Run::new().add_text("jane.doe@example.com | +1 555 010 0199"))),
        )
        .footer(Footer::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text("Seattle, WA"))))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("Summary line before the heading")))
        .add_paragraph(
            Paragraph::new()
                .style("Heading1")
                .add_run(Run::new().add_text("Experience")),
        )
        .add_paragraph(
            Paragraph::new()
                .numbering(NumberingId::new(1), IndentLevel::new(0))
                .add_run(Run::new().add_text("Shipped a Rust parser")),
        )
        .add_paragraph(
            Paragraph::new()
                .numbering(NumberingId::new(1), IndentLevel::new(0))
                .add_run(Run::new().add_text("Cut latency by 40%")),
        )
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("Profile: "))
                .add_hyperlink(
                    Hyperlink::new("https://github.com/janedoe", HyperlinkType::External)
                        .add_run(Run::new().add_text("github.com/janedoe")),
                ),
        )
        .add_table(Table::new(vec![
            TableRow::new(vec![
                TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text("Languages"))),
                TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text("Rust, Go"))),
            ]),
            TableRow::new(vec![
                TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text("Tools"))),
                TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text("Docker"))),
            ]),
        ]))
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("Visible text "))
                .add_run(Run::new().add_text("secret keywords").vanish())
                .add_run(Run::new().add_text(" and "))
                .add_run(Run::new().add_text("kubernetes terraform").color("FFFFFF"))
                .add_run(Run::new().add_text(" plus "))
                .add_run(Run::new().add_text("micro words").size(2))
                .add_run(Run::new().add_text(" and "))
                .add_run(Run::new().add_text("fine print").size(10)),
        )
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("Kept"))
                .add_delete(Delete::new().add_run(Run::new().add_delete_text(" deleted words")))
                .add_insert(Insert::new(Run::new().add_text(" inserted words")))
                .add_run(
                    Run::new()
                        .add_text("First line")
                        .add_break(BreakType::TextWrapping)
                        .add_text("Second line"),
                ),
        )
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("Tab").add_tab().add_text("separated")));
    let mut out = Cursor::new(Vec::new());
    docx.build().pack(&mut out).expect("docx-rs packs");
    out.into_inner()
}

#[test]
fn docx_rs_resume_reads_every_part_in_order() {
    let doc = read(&docx_rs_resume());
    assert_eq!(doc.format, Format::Docx);
    assert_eq!(doc.pages, 1);
    let t = texts(&doc);
    // Header first, body, footer last.
    assert_eq!(t.first(), Some(&"Jane Doe"), "{t:?}");
    assert_eq!(t.get(1), Some(&"jane.doe@example.com | +1 555 010 0199"));
    assert_eq!(t.last(), Some(&"Seattle, WA"));
    assert_eq!(line(&doc, "Jane Doe").region, Region::Header);
    assert!(line(&doc, "Jane Doe").bold);
    assert_eq!(line(&doc, "Jane Doe").font_size, 14.0);
    assert_eq!(line(&doc, "Seattle, WA").region, Region::Footer);
    assert_eq!(line(&doc, "Summary line before the heading").region, Region::Body);
    // Header and footer text is also reported, as repeated bands.
    let hf = &doc.signals.header_footer;
    assert_eq!(hf.len(), 3, "{hf:?}");
    assert!(hf
        .iter()
        .any(|s| s.text.contains("jane.doe@example.com") && s.band == Some(BandKind::Header) && s.repeated));
    assert!(hf
        .iter()
        .any(|s| s.text == "Seattle, WA" && s.band == Some(BandKind::Footer)));

    // Heading from the style name, bold and size from the style.
    let heading = line(&doc, "Experience");
    assert_eq!(heading.heading_level, Some(1));
    assert!(heading.bold);
    assert_eq!(heading.font_size, 16.0);
    // Bullets from list numbering.
    assert!(line(&doc, "Shipped a Rust parser").bullet);
    assert!(line(&doc, "Cut latency by 40%").bullet);
    assert!(!line(&doc, "Summary line before the heading").bullet);
    assert_eq!(line(&doc, "Summary line before the heading").heading_level, None);

    // The hyperlink's text is in the line and its target in the links.
    assert!(t.contains(&"Profile: github.com/janedoe"));
    let link = doc.signals.links.first().expect("a link");
    assert_eq!(link.url, "https://github.com/janedoe");
    assert_eq!(link.text.as_deref(), Some("github.com/janedoe"));
    assert_eq!(link.page, 1);

    // The table: cells row by row, one TableInfo.
    let cells: Vec<&str> = doc
        .lines
        .iter()
        .filter(|l| l.region == Region::Table)
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(cells, ["Languages", "Rust, Go", "Tools", "Docker"]);
    assert_eq!(doc.signals.tables.len(), 1);
    let table = &doc.signals.tables[0];
    assert_eq!((table.page, table.rows, table.cols), (1, 2, 2));
    assert!(table.sample.starts_with("Languages | Rust, Go"), "{}", table.sample);

    // Hidden text stays in the text (an ATS reads it) and is flagged.
    let hidden_line = "Visible text secret keywords and kubernetes terraform plus micro words and fine print";
    assert!(t.contains(&hidden_line), "{t:?}");
    let hidden = &doc.signals.hidden_text;
    assert!(
        hidden
            .iter()
            .any(|h| h.text == "secret keywords" && h.reason == HiddenReason::Invisible),
        "{hidden:?}"
    );
    assert!(hidden
        .iter()
        .any(|h| h.text == "kubernetes terraform" && h.reason == HiddenReason::WhiteOnWhite));
    assert!(hidden
        .iter()
        .any(|h| h.text == "micro words" && h.reason == HiddenReason::Microscopic));
    assert_eq!(hidden.len(), 3);
    let tiny = &doc.signals.tiny_text;
    assert_eq!(tiny.len(), 1, "{tiny:?}");
    assert_eq!(tiny[0].text, "fine print");
    assert_eq!(tiny[0].font_size, 5.0);

    // Tracked changes: deletions skipped, insertions kept; w:br splits a line; w:tab is a space.
    assert!(t.contains(&"Kept inserted wordsFirst line"), "{t:?}");
    assert!(t.contains(&"Second line"));
    assert!(!doc.text.contains("deleted words"));
    assert!(t.contains(&"Tab separated"));

    // text and Line::start agree.
    for l in &doc.lines {
        assert_eq!(doc.text.get(l.start..l.start + l.text.len()), Some(l.text.as_str()));
    }
    assert!(doc.signals.glyphs > 100);
    assert_eq!(doc.signals.unmappable_glyphs, 0);
    assert!(doc.signals.columns.is_empty());
    assert!(doc.signals.text_boxes.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Fixtures assembled from XML
// ---------------------------------------------------------------------------------------------

/// The same text box twice, as Word writes it: DrawingML in `mc:Choice`, VML in `mc:Fallback`.
fn text_box_paragraph(lines: &[&str]) -> String {
    let content: String = lines.iter().map(|l| para(l)).collect();
    format!(
        r#"<w:p><w:r><w:t>Anchor paragraph</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:extent cx="5943600" cy="1000000"/><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape style="width:468pt;height:78pt"><v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t xml:space="preserve"> continues</w:t></w:r></w:p>"#
    )
}

#[test]
fn text_boxes_follow_their_anchor_once_and_contiguously() {
    let body = format!(
        "{}{}{}",
        para("Before"),
        text_box_paragraph(&["Box Name", "box@example.com"]),
        para("After")
    );
    let doc = read(&docx_with(&body, &[]));
    assert_eq!(
        texts(&doc),
        [
            "Before",
            "Anchor paragraph continues",
            "Box Name",
            "box@example.com",
            "After"
        ]
    );
    assert_eq!(line(&doc, "Box Name").region, Region::TextBox);
    assert_eq!(line(&doc, "box@example.com").region, Region::TextBox);
    assert_eq!(line(&doc, "Anchor paragraph continues").region, Region::Body);
    assert_eq!(doc.signals.text_boxes.len(), 1, "the fallback copy is not read");
    assert_eq!(doc.signals.text_boxes[0].text, "Box Name box@example.com");
    // A text box is a drawing, not an image.
    assert!(doc.signals.images.is_empty());
}

#[test]
fn vml_text_box_without_alternate_content_is_read() {
    let body = r#"<w:p><w:r><w:pict><v:shape style="width:468pt;height:118pt"><v:textbox><w:txbxContent><w:p><w:r><w:t>Only in VML</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"#;
    let doc = read(&docx_with(body, &[]));
    assert_eq!(texts(&doc), ["Only in VML"]);
    assert_eq!(doc.lines[0].region, Region::TextBox);
    assert_eq!(doc.signals.text_boxes.len(), 1);
}

#[test]
fn continuous_two_column_section_is_reported() {
    // First section (one column) ends at the paragraph-level sectPr; the body sectPr has two.
    let body = format!(
        r#"{}<w:p><w:pPr><w:sectPr><w:cols w:space="720"/></w:sectPr></w:pPr><w:r><w:t>Name Surname</w:t></w:r></w:p>{}{}<w:sectPr><w:type w:val="continuous"/><w:pgSz w:w="12240" w:h="15840"/><w:cols w:num="2" w:space="432"/></w:sectPr>"#,
        para("Header line"),
        para("Left column words here"),
        para("More words")
    );
    let doc = read(&docx_with(&body, &[]));
    assert_eq!(doc.signals.columns.len(), 1, "{:?}", doc.signals.columns);
    let region = &doc.signals.columns[0];
    assert_eq!((region.page, region.columns), (1, 2));
    assert!(!region.content_order_differs);
    assert_eq!(
        region.samples.first().map(String::as_str),
        Some("Left column words here")
    );
    assert!(doc.lines.iter().all(|l| l.column == 0));

    // Columns given as w:col children, in the first section only.
    let body = format!(
        r#"<w:p><w:pPr><w:sectPr><w:cols w:equalWidth="0"><w:col w:w="3000"/><w:col w:w="5000"/></w:cols></w:sectPr></w:pPr><w:r><w:t>Sidebar</w:t></w:r></w:p>{}<w:sectPr/>"#,
        para("Single column after")
    );
    let doc = read(&docx_with(&body, &[]));
    assert_eq!(doc.signals.columns.len(), 1);
    assert_eq!(doc.signals.columns[0].samples, ["Sidebar"]);

    // One column: nothing reported.
    let doc = read(&docx_with(
        &format!("{}<w:sectPr><w:cols w:space=\"720\"/></w:sectPr>", para("Plain")),
        &[],
    ));
    assert!(doc.signals.columns.is_empty());
}

#[test]
fn images_report_size_and_page_share() {
    let body = r#"<w:p><w:r><w:drawing><wp:inline><wp:extent cx="914400" cy="1828800"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="rId9"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p><w:p><w:r><w:pict><v:shape style="width:100pt;height:50pt"><v:imagedata r:id="rId10"/></v:shape></w:pict></w:r></w:p><w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>"#;
    let doc = read(&docx_with(body, &[]));
    let images = &doc.signals.images;
    assert_eq!(images.len(), 2, "{images:?}");
    assert_eq!((images[0].width, images[0].height), (72.0, 144.0));
    let a4 = (11906.0 / 20.0) * (16838.0 / 20.0);
    assert!((images[0].page_share - 72.0 * 144.0 / a4).abs() < 1e-6);
    assert_eq!((images[1].width, images[1].height), (100.0, 50.0));
    assert_eq!(images[1].page, 1);
}

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="21"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:latentStyles w:count="2"><w:lsdException w:name="Normal"/><w:lsdException w:name="heading 1"/></w:latentStyles>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="52"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:rPr><w:b/><w:i/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="SectionHead"><w:name w:val="Section Head"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="table" w:styleId="DarkTable"><w:name w:val="Dark Table"/><w:tblPr/><w:tblStylePr w:type="firstRow"><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="1F3864"/></w:tcPr></w:tblStylePr></w:style>
</w:styles>"#;

const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="/word/footer1.xml"/><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="mailto:jo@example.com?subject=a&amp;b" TargetMode="External"/></Relationships>"#;

fn band(kind: &str, text: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:{kind} {W_NS}>{}</w:{kind}>"#,
        para(text)
    )
}

#[test]
fn styles_resolve_headings_bullets_and_formatting() {
    let body = r#"<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Jo Example</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading3"/></w:pPr><w:r><w:t>Skills</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="SectionHead"/></w:pPr><w:r><w:t>Projects</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr><w:r><w:t>Styled bullet</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="ListBullet"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>Numbering removed</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>Mostly bold text</w:t></w:r><w:r><w:t>, x</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading3"/></w:pPr><w:r><w:rPr><w:b w:val="0"/><w:i w:val="false"/></w:rPr><w:t>Unbolded</w:t></w:r></w:p>
<w:p><w:pPr><w:outlineLvl w:val="0"/><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:t>Direct outline</w:t></w:r></w:p>
<w:p><w:r><w:t>Write to </w:t></w:r><w:hyperlink r:id="rId5"><w:r><w:t>jo@example.com</w:t></w:r></w:hyperlink></w:p>
<w:sectPr><w:headerReference w:type="default" r:id="rId2"/><w:headerReference w:type="first" r:id="rId3"/><w:footerReference w:type="default" r:id="rId4"/></w:sectPr>"#;
    let header = band("hdr", "Repeated header");
    let footer = band("ftr", "Footer text");
    let doc = read(&docx_with(
        body,
        &[
            ("word/_rels/document.xml.rels", DOC_RELS),
            ("word/styles.xml", STYLES),
            ("word/header1.xml", &header),
            // The first-page header has the same text: kept once.
            ("word/header2.xml", &header),
            ("word/footer1.xml", &footer),
            // Not referenced: not read.
            ("word/header3.xml", &band("hdr", "Unreferenced header")),
        ],
    ));
    let t = texts(&doc);
    assert_eq!(t.first(), Some(&"Repeated header"));
    assert_eq!(t.iter().filter(|l| **l == "Repeated header").count(), 1);
    assert_eq!(t.last(), Some(&"Footer text"));
    assert!(!doc.text.contains("Unreferenced header"));
    assert_eq!(doc.signals.header_footer.len(), 2);

    let title = line(&doc, "Jo Example");
    assert_eq!(
        (title.heading_level, title.font_size, title.bold),
        (Some(1), 26.0, false)
    );
    let skills = line(&doc, "Skills");
    assert_eq!(
        (skills.heading_level, skills.bold, skills.italic),
        (Some(3), true, true)
    );
    assert_eq!(skills.font_size, 10.5, "document default size");
    assert_eq!(line(&doc, "Projects").heading_level, Some(2));
    assert!(line(&doc, "Styled bullet").bullet);
    assert!(!line(&doc, "Numbering removed").bullet);
    assert!(line(&doc, "Mostly bold text, x").bold);
    let unbolded = line(&doc, "Unbolded");
    assert!(!unbolded.bold && !unbolded.italic);
    let direct = line(&doc, "Direct outline");
    assert_eq!(direct.heading_level, Some(1));
    assert!(!direct.bold, "the paragraph mark's run properties are not the text's");
    assert_eq!(doc.signals.links.len(), 1);
    assert_eq!(doc.signals.links[0].url, "mailto:jo@example.com?subject=a&b");
    assert_eq!(doc.signals.links[0].text.as_deref(), Some("jo@example.com"));
}

#[test]
fn white_text_on_a_shaded_background_is_not_flagged() {
    let body = r#"<w:tbl><w:tblPr><w:tblStyle w:val="DarkTable"/></w:tblPr><w:tr><w:tc><w:p><w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr><w:t>Header cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:pPr><w:shd w:val="clear" w:color="auto" w:fill="000000"/></w:pPr><w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr><w:t>On black</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:color w:val="FFFFFF"/><w:highlight w:val="black"/></w:rPr><w:t>Highlighted</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:color w:val="FEFEFE"/></w:rPr><w:t>Really hidden</w:t></w:r></w:p>"#;
    let doc = read(&docx_with(
        body,
        &[("word/_rels/document.xml.rels", DOC_RELS), ("word/styles.xml", STYLES)],
    ));
    let hidden = &doc.signals.hidden_text;
    assert_eq!(hidden.len(), 1, "{hidden:?}");
    assert_eq!(hidden[0].text, "Really hidden");
    assert_eq!(hidden[0].reason, HiddenReason::WhiteOnWhite);
}

#[test]
fn headers_without_references_are_found_by_name() {
    let doc = read(&docx_with(
        &para("Body"),
        &[("word/header1.xml", &band("hdr", "Contact in header"))],
    ));
    assert_eq!(texts(&doc), ["Contact in header", "Body"]);
    assert_eq!(doc.lines[0].region, Region::Header);
}

#[test]
fn hyperlink_field_codes_and_symbols() {
    let body = r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://jo.dev/" \o "site" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>jo.dev</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
<w:p><w:fldSimple w:instr="HYPERLINK &quot;https://simple.example/&quot;"><w:r><w:t>simple</w:t></w:r></w:fldSimple></w:p>
<w:p><w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:t xml:space="preserve"> Dot</w:t></w:r></w:p>
<w:p><w:r><w:sym w:font="Wingdings" w:char="F029"/><w:t xml:space="preserve"> 555 0100</w:t></w:r></w:p>
<w:p><w:r><w:t>caf&#233; &amp; co &lt;3</w:t></w:r></w:p>"#;
    let doc = read(&docx_with(body, &[]));
    let t = texts(&doc);
    assert!(t.contains(&"jo.dev"), "{t:?}");
    assert!(!doc.text.contains("HYPERLINK"), "field codes are not text");
    let urls: Vec<(&str, Option<&str>)> = doc
        .signals
        .links
        .iter()
        .map(|l| (l.url.as_str(), l.text.as_deref()))
        .collect();
    assert_eq!(
        urls,
        [
            ("https://jo.dev/", Some("jo.dev")),
            ("https://simple.example/", Some("simple"))
        ]
    );
    assert!(t.contains(&"• Dot"));
    assert!(t.contains(&"café & co <3"));
    assert_eq!(doc.signals.unmappable_glyphs, 1);
    assert_eq!(doc.signals.unmappable_samples.len(), 1);
    assert!(doc.signals.unmappable_samples[0].contains("555 0100"));
}

#[test]
fn tracked_changes_and_fallbacks_are_not_doubled() {
    let body = r#"<w:p><w:ins><w:r><w:t>New</w:t></w:r></w:ins><w:del><w:r><w:tab/><w:delText>Old</w:delText></w:r></w:del><w:moveFrom><w:r><w:t>Moved away</w:t></w:r></w:moveFrom><w:moveTo><w:r><w:t xml:space="preserve"> moved here</w:t></w:r></w:moveTo></w:p>
<w:p><w:r><w:rPr><w:b/><w:rPrChange><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr><w:t>Formatting change</w:t></w:r></w:p>
<w:sdt><w:sdtPr><w:rPr><w:b/></w:rPr></w:sdtPr><w:sdtContent><w:p><w:r><w:t>In a content control</w:t></w:r></w:p></w:sdtContent></w:sdt>"#;
    let doc = read(&docx_with(body, &[]));
    assert_eq!(
        texts(&doc),
        ["New moved here", "Formatting change", "In a content control"]
    );
    let changed = line(&doc, "Formatting change");
    assert!(changed.bold && !changed.italic);
}

#[test]
fn another_namespace_prefix_still_reads() {
    let document = r#"<?xml version="1.0"?><document xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><body><p><r><t>Default namespace</t></r></p></body></document>"#;
    let bytes = zip_of(&[("word/document.xml", document.as_bytes())]);
    assert_eq!(texts(&read(&bytes)), ["Default namespace"]);
    let document = r#"<?xml version="1.0"?><x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w="urn:not-word"><x:body><x:p><x:r><x:t>Prefix x</x:t></x:r></x:p><w:p><w:r><w:t>Not Word</w:t></w:r></w:p></x:body></x:document>"#;
    let bytes = zip_of(&[("word/document.xml", document.as_bytes())]);
    assert_eq!(texts(&read(&bytes)), ["Prefix x"]);
}

#[test]
fn metadata_keeps_producer_and_title_but_not_the_author() {
    let app = r#"<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Template>Normal.dotm</Template><Application>Microsoft Office Word</Application></Properties>"#;
    let core = r#"<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Private Person</dc:creator><dc:title>Resume &amp; CV</dc:title></cp:coreProperties>"#;
    let doc = read(&docx_with(
        &para("Body"),
        &[("docProps/app.xml", app), ("docProps/core.xml", core)],
    ));
    assert_eq!(doc.metadata.producer.as_deref(), Some("Microsoft Office Word"));
    assert_eq!(doc.metadata.title.as_deref(), Some("Resume & CV"));
    assert_eq!(doc.metadata.creator, None);
    let json = serde_json::to_string(&doc).expect("serializes");
    assert!(!json.contains("Private Person"), "the author's name is not kept");

    // Damaged metadata is ignored, not fatal.
    let doc = read(&docx_with(
        &para("Body"),
        &[("docProps/app.xml", "<Properties><Application>x</Oops>")],
    ));
    assert_eq!(texts(&doc), ["Body"]);
}

#[test]
fn damaged_optional_parts_read_as_empty_but_a_dtd_anywhere_is_refused() {
    let broken = "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><!-- never closed";
    let doc = read(&docx_with(
        &para("Body survives"),
        &[
            ("word/styles.xml", broken),
            ("word/_rels/document.xml.rels", "<Relationships><!-- never closed"),
        ],
    ));
    assert_eq!(texts(&doc), ["Body survives"]);

    let dtd = r#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>"#;
    let err = extract(
        &docx_with(&para("Body"), &[("word/styles.xml", dtd)]),
        &Limits::default(),
    )
    .expect_err("dtd");
    assert!(
        matches!(&err, ExtractError::Malformed { detail, .. } if detail.contains("DTD")),
        "{err:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Hostile input: every cap ends in an error, never a panic, abort or runaway allocation
// ---------------------------------------------------------------------------------------------

#[test]
fn twenty_thousand_nested_tables_hit_the_depth_cap() {
    let depth = 20_000;
    let mut body = String::with_capacity(depth * 40);
    for _ in 0..depth {
        body.push_str("<w:tbl><w:tr><w:tc>");
    }
    body.push_str(&para("deep"));
    for _ in 0..depth {
        body.push_str("</w:tc></w:tr></w:tbl>");
    }
    let err = extract(&docx_with(&body, &[]), &Limits::default()).expect_err("too deep");
    assert_eq!(
        err,
        ExtractError::LimitExceeded {
            what: "XML nesting depth",
            limit: 64
        }
    );

    // Nested tables within the cap are walked: one TableInfo for the outer table.
    let body = format!(
        "<w:tbl><w:tr><w:tc>{}<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>",
        para("outer"),
        para("inner a"),
        para("inner b")
    );
    let doc = read(&docx_with(&body, &[]));
    assert_eq!(texts(&doc), ["outer", "inner a", "inner b"]);
    assert!(doc.lines.iter().all(|l| l.region == Region::Table));
    assert_eq!(doc.signals.tables.len(), 1);
    assert_eq!((doc.signals.tables[0].rows, doc.signals.tables[0].cols), (1, 1));
}

/// A zip whose `word/document.xml` inflates to `size` bytes of zeros, written in chunks.
fn zeros_bomb(size: usize) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    zip.start_file("word/document.xml", options).expect("start");
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..size / chunk.len() {
        zip.write_all(&chunk).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

#[test]
fn a_part_that_inflates_past_the_cap_is_refused() {
    let bomb = zeros_bomb(64 << 20);
    assert!(bomb.len() < 1 << 20, "the bomb is small: {} bytes", bomb.len());
    let started = Instant::now();
    let err = extract(&bomb, &Limits::default()).expect_err("bomb");
    assert_eq!(
        err,
        ExtractError::LimitExceeded {
            what: "decompressed bytes in one DOCX part",
            limit: 8 << 20
        }
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn parts_adding_up_past_the_total_cap_are_refused() {
    let big = format!("<w:hdr {W_NS}>{}</w:hdr>", " ".repeat(900_000));
    let body = r#"<w:p/><w:sectPr><w:headerReference r:id="rId2"/><w:headerReference r:id="rId3"/><w:footerReference r:id="rId6"/></w:sectPr>"#;
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/><Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;
    let bytes = docx_with(
        body,
        &[
            ("word/_rels/document.xml.rels", rels),
            ("word/header1.xml", &big),
            ("word/header2.xml", &big),
            ("word/footer1.xml", &big),
        ],
    );
    let limits = Limits {
        max_stream_bytes: 1 << 20,
        max_total_inflated_bytes: 2 << 20,
        ..Limits::default()
    };
    let err = extract(&bytes, &limits).expect_err("total cap");
    assert_eq!(
        err,
        ExtractError::LimitExceeded {
            what: "decompressed bytes in total",
            limit: 2 << 20
        }
    );
}

#[test]
fn a_dtd_is_refused_so_entities_never_expand() {
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"#;
    let bytes = zip_of(&[("word/document.xml", laughs.as_bytes())]);
    let err = extract(&bytes, &Limits::default()).expect_err("dtd");
    assert_eq!(
        err,
        ExtractError::Malformed {
            format: "DOCX",
            detail: "XML with a DTD (entity declarations are not allowed)".into()
        }
    );
    // An undeclared entity without a DTD is dropped, not expanded.
    let doc = read(&docx_with("<w:p><w:r><w:t>a&ext;b</w:t></w:r></w:p>", &[]));
    assert_eq!(texts(&doc), ["ab"]);
}

#[test]
fn truncated_and_bit_flipped_files_fail_cleanly() {
    let good = docx_rs_resume();
    for cut in [
        good.len() - 1,
        good.len() - 22,
        good.len() / 2,
        good.len() / 3,
        200,
        31,
        4,
    ] {
        let result = extract(good.get(..cut).unwrap_or_default(), &Limits::default());
        assert!(result.is_err(), "truncated at {cut} of {}", good.len());
    }
    let mut errors = 0;
    for (i, pos) in (0..good.len()).step_by(41).enumerate() {
        let mut bad = good.clone();
        if let Some(b) = bad.get_mut(pos) {
            *b ^= 1 << (i % 8);
        }
        // Must not panic; damaged compressed data or a checksum mismatch is an error.
        if extract(&bad, &Limits::default()).is_err() {
            errors += 1;
        }
    }
    assert!(errors > 0);
}

#[test]
fn a_zip_without_a_word_document_is_not_a_docx() {
    let err = extract(&zip_of(&[("notes.txt", b"hello")]), &Limits::default()).expect_err("zip");
    assert_eq!(err, ExtractError::Unsupported(Unsupported::Zip));
    // Sniffed as DOCX (it has word/), but there is no document part.
    let err = extract(&zip_of(&[("word/other.xml", b"<x/>")]), &Limits::default()).expect_err("zip");
    assert_eq!(err, ExtractError::Unsupported(Unsupported::Zip));
}

#[test]
fn an_encrypted_entry_is_reported_as_a_protected_docx() {
    let document = format!(r#"<w:document {W_NS}><w:body>{}</w:body></w:document>"#, para("x"));
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    zip.start_file("word/document.xml", stored).expect("start");
    zip.write_all(document.as_bytes()).expect("write");
    let mut bytes = zip.finish().expect("finish").into_inner();
    // Set the "encrypted" flag (bit 0 of the general purpose flags) in the local and central
    // headers.
    for (signature, flags_at) in [(b"PK\x03\x04", 6), (b"PK\x01\x02", 8)] {
        let at = bytes.windows(4).position(|w| w == signature).expect("header");
        bytes[at + flags_at] |= 1;
    }
    assert_eq!(
        extract(&bytes, &Limits::default()).expect_err("encrypted"),
        ExtractError::EncryptedDocx
    );
}

#[test]
fn too_many_zip_entries_are_refused() {
    let document = format!(r#"<w:document {W_NS}><w:body>{}</w:body></w:document>"#, para("x"));
    let names: Vec<String> = (0..1_001).map(|i| format!("word/media/f{i}.bin")).collect();
    let mut entries: Vec<(&str, &[u8])> = vec![("word/document.xml", document.as_bytes())];
    entries.extend(names.iter().map(|n| (n.as_str(), &b""[..])));
    let err = extract(&zip_of(&entries), &Limits::default()).expect_err("entries");
    assert_eq!(
        err,
        ExtractError::LimitExceeded {
            what: "entries in the DOCX zip",
            limit: 1_000
        }
    );
}

#[test]
fn text_and_time_caps_apply() {
    let body: String = (0..3_000).map(|i| para(&format!("Paragraph number {i}"))).collect();
    let bytes = docx_with(&body, &[]);
    let limits = Limits {
        max_text_chars: 1_000,
        ..Limits::default()
    };
    assert_eq!(
        extract(&bytes, &limits).expect_err("text cap"),
        ExtractError::LimitExceeded {
            what: "characters of text",
            limit: 1_000
        }
    );
    let limits = Limits {
        time_budget: Duration::ZERO,
        ..Limits::default()
    };
    assert_eq!(
        extract(&bytes, &limits).expect_err("time"),
        ExtractError::Timeout { millis: 0 }
    );
}

// ---------------------------------------------------------------------------------------------
// The shared corpus
// ---------------------------------------------------------------------------------------------

/// The corpus README's matching rule: NFKC, soft hyphen / U+2010 / U+2011 as "-", a hyphen at
/// a line end joined with the next line, whitespace collapsed, case-insensitive.
fn normalize(s: &str) -> String {
    let mut mapped: String = s
        .nfkc()
        .map(|c| match c {
            '\u{00AD}' | '\u{2010}' | '\u{2011}' => '-',
            '\u{00A0}' => ' ',
            c => c,
        })
        .collect();
    // "-" followed by whitespace holding a line break: join.
    let mut joined = String::with_capacity(mapped.len());
    let mut rest = mapped.as_str();
    while let Some(i) = rest.find('-') {
        joined.push_str(&rest[..=i]);
        let after = &rest[i + 1..];
        let ws = after.len() - after.trim_start().len();
        rest = if after[..ws].contains('\n') {
            &after[ws..]
        } else {
            after
        };
    }
    joined.push_str(rest);
    mapped = joined;
    mapped.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[test]
fn shared_corpus_docx_files_match_their_truth() {
    let Some(corpus) = ats_testkit::shared_corpus("DOCX files against their truth") else {
        return;
    };
    let truth_path = corpus.join("truth.json");
    let truth: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&truth_path).expect("read truth.json")).expect("parse truth.json");
    let mut failures = Vec::new();
    let mut millis = Vec::new();
    for entry in truth.as_array().expect("truth is an array") {
        if entry["format"] != "docx" {
            continue;
        }
        let file = entry["file"].as_str().expect("file");
        let bytes = std::fs::read(corpus.join(file)).expect("read corpus file");
        let started = Instant::now();
        let doc = match extract(&bytes, &Limits::default()) {
            Ok(doc) => doc,
            Err(e) => {
                failures.push(format!("{file}: {e}"));
                continue;
            }
        };
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        millis.push(ms);
        eprintln!("{file}: {ms:.3} ms, {} lines", doc.lines.len());
        let text = normalize(&doc.text);
        let expect = &entry["expect"];
        for phrase in expect["must_contain"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p.as_str())
        {
            if !text.contains(&normalize(phrase)) {
                failures.push(format!("{file}: missing {phrase:?}"));
            }
        }
        let risks: Vec<&str> = expect["layout_risks"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| r.as_str())
            .collect();
        let s = &doc.signals;
        for (risk, present) in [
            ("table-layout", !s.tables.is_empty()),
            ("multi-column", !s.columns.is_empty()),
            ("contact-in-header-footer", !s.header_footer.is_empty()),
            ("text-box", !s.text_boxes.is_empty()),
        ] {
            if risks.contains(&risk) && !present {
                failures.push(format!("{file}: layout risk {risk} not detected"));
            }
        }
        if !risks.contains(&"multi-column") && !s.columns.is_empty() {
            failures.push(format!(
                "{file}: columns reported without a multi-column risk: {:?}",
                s.columns
            ));
        }
    }
    millis.sort_by(f64::total_cmp);
    if let Some(median) = millis.get(millis.len() / 2) {
        eprintln!(
            "{} DOCX files, median {median:.3} ms per file (this build's profile; measure in release)",
            millis.len()
        );
    }
    assert!(!millis.is_empty(), "truth.json lists no DOCX");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
