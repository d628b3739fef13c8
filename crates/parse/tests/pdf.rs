//! PDF extraction on fixtures the tests build with lopdf's writer.

mod support;

use ats_parse::{extract, ExtractError, Format, HiddenReason, Limits, Region};
use support::pdfgen::{build, encrypt, flow, Page, Run};

fn text_of(pdf: &[u8]) -> ats_parse::Document {
    extract(pdf, &Limits::default()).expect("fixture extracts")
}

#[test]
fn single_column_lines_keep_order_spaces_bullets_and_headings() {
    let runs = flow(
        72.0,
        742.0,
        &[
            "Jordan Lee",
            "jordan.lee@example.com | +1 415 555 0100",
            "# Experience",
            "- Reduced latency by 35% for 2M users",
            "- Built a fault-",
            "tolerant feature store",
        ],
    );
    let doc = text_of(&build(&[Page { runs, boxes: vec![] }]));
    assert_eq!(doc.format, Format::Pdf);
    let lines: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        lines,
        [
            "Jordan Lee",
            "jordan.lee@example.com | +1 415 555 0100",
            "Experience",
            "Reduced latency by 35% for 2M users",
            "Built a fault-tolerant",
            "feature store"
        ]
    );
    assert!(doc.lines[2].bold && doc.lines[2].font_size > doc.lines[1].font_size);
    assert!(doc.lines[3].bullet && !doc.lines[0].bullet);
    assert!(doc.signals.columns.is_empty() && doc.signals.tables.is_empty());
    assert_eq!(doc.metadata.producer.as_deref(), Some("ats-check test fixtures"));
}

#[test]
fn type0_font_text_comes_from_to_unicode() {
    let runs = vec![
        Run::new(72.0, 700.0, 11.0, "Zoë Müller — Ingénieure").cid(),
        Run::new(72.0, 680.0, 11.0, "eﬃcient workﬂow").cid(),
    ];
    let doc = text_of(&build(&[Page { runs, boxes: vec![] }]));
    assert_eq!(doc.lines[0].text, "Zoë Müller — Ingénieure");
    // Ligatures are expanded so that keyword search finds "efficient".
    assert_eq!(doc.lines[1].text, "efficient workflow");
    assert_eq!(doc.signals.unmappable_glyphs, 0);
}

#[test]
fn spacing_accent_over_a_letter_is_composed() {
    // "Zoe" then a diaeresis drawn over the "e", as TeX does.
    let runs = vec![
        Run::new(72.0, 700.0, 10.0, "Zoe Smith"),
        Run::new(72.0 + 11.67 + 0.6, 700.0, 10.0, "\u{a8}"),
    ];
    let doc = text_of(&build(&[Page { runs, boxes: vec![] }]));
    assert_eq!(doc.lines[0].text, "Zoë Smith");
}

fn two_columns(interleaved: bool) -> Vec<u8> {
    let left: Vec<&str> = vec![
        "# Contact",
        "jordan@example.com",
        "San Francisco, CA",
        "# Skills",
        "Python, PyTorch, SQL",
        "Kubernetes, Docker",
        "Airflow and Spark jobs",
        "Feature stores",
        "Model monitoring tools",
    ];
    let right: Vec<&str> = vec![
        "# Experience",
        "Senior ML Engineer at Acme Corp",
        "- Cut inference latency by 40 percent",
        "- Led a team of five engineers on ranking",
        "- Shipped a retrieval model to 3M users",
        "# Education",
        "M.S. Computer Science, State University",
        "Thesis on efficient transformers",
    ];
    let l = flow(40.0, 742.0, &left);
    let r = flow(230.0, 742.0, &right);
    let runs = if interleaved {
        // Row by row, as some producers write: an ATS reading the stream gets both columns mixed.
        let mut v = Vec::new();
        for i in 0..l.len().max(r.len()) {
            v.extend(l.get(i).cloned());
            v.extend(r.get(i).cloned());
        }
        v
    } else {
        l.into_iter().chain(r).collect()
    };
    build(&[Page { runs, boxes: vec![] }])
}

#[test]
fn two_columns_are_read_one_after_the_other() {
    for interleaved in [false, true] {
        let doc = text_of(&two_columns(interleaved));
        assert_eq!(doc.signals.columns.len(), 1, "interleaved={interleaved}");
        let region = &doc.signals.columns[0];
        assert_eq!(region.columns, 2);
        assert_eq!(region.content_order_differs, interleaved);
        let skills = doc.text.find("Model monitoring tools").expect("left column text");
        let experience = doc.text.find("Senior ML Engineer").expect("right column text");
        assert!(skills < experience, "left column first:\n{}", doc.text);
        assert!(doc.text.contains("Cut inference latency by 40 percent"));
        assert!(doc.lines.iter().any(|l| l.column == 1));
    }
}

#[test]
fn a_header_repeated_on_every_page_is_a_header_band() {
    let header = || Run::new(72.0, 760.0, 9.0, "Jordan Lee | jordan@example.com | +1 415 555 0100");
    let mut p1 = flow(
        72.0,
        700.0,
        &["# Summary", "Machine learning engineer with six years of experience"],
    );
    p1.push(header());
    let mut p2 = flow(72.0, 700.0, &["# Education", "B.S. Computer Science"]);
    p2.push(header());
    let doc = text_of(&build(&[
        Page {
            runs: p1,
            boxes: vec![],
        },
        Page {
            runs: p2,
            boxes: vec![],
        },
    ]));
    assert_eq!(doc.pages, 2);
    assert_eq!(doc.signals.header_footer.len(), 1);
    assert!(doc.signals.header_footer[0].repeated);
    assert!(doc.lines.iter().filter(|l| l.region == Region::Header).count() == 2);
}

#[test]
fn hidden_text_is_read_and_flagged_with_its_reason() {
    let mut runs = flow(72.0, 742.0, &["Jordan Lee", "# Skills", "Python, SQL"]);
    runs.push(Run::new(72.0, 600.0, 10.0, "kubernetes tensorflow pytorch").white());
    runs.push(Run::new(72.0, 580.0, 10.0, "keyword stuffing here").invisible());
    runs.push(Run::new(72.0, 560.0, 0.5, "microscopic words"));
    runs.push(Run::new(700.0, 540.0, 10.0, "off the page"));
    runs.push(Run::new(72.0, 520.0, 6.0, "tiny footnote text"));
    let doc = text_of(&build(&[Page { runs, boxes: vec![] }]));
    let reasons: Vec<HiddenReason> = doc.signals.hidden_text.iter().map(|h| h.reason).collect();
    assert!(reasons.contains(&HiddenReason::WhiteOnWhite), "{reasons:?}");
    assert!(reasons.contains(&HiddenReason::Invisible));
    assert!(reasons.contains(&HiddenReason::Microscopic));
    assert!(reasons.contains(&HiddenReason::OffPage));
    assert!(
        doc.text.contains("kubernetes tensorflow pytorch"),
        "an ATS reads hidden text"
    );
    assert_eq!(doc.signals.tiny_text.len(), 1);
    assert_eq!(doc.signals.tiny_text[0].text, "tiny footnote text");
}

#[test]
fn a_framed_box_is_a_text_box_and_a_ruled_grid_is_a_table() {
    let mut runs = flow(80.0, 720.0, &["Jordan Lee", "jordan@example.com"]);
    let frame = [70.0, 690.0, 300.0, 50.0];
    // A 3 x 2 grid of cells.
    let mut boxes = vec![frame];
    let labels = [
        ["Languages", "Python, SQL, Go"],
        ["Frameworks", "PyTorch, JAX"],
        ["Cloud", "AWS, GCP"],
    ];
    for (row, cells) in labels.iter().enumerate() {
        let y = 500.0 - row as f32 * 20.0;
        boxes.push([70.0, y - 6.0, 120.0, 20.0]);
        boxes.push([190.0, y - 6.0, 250.0, 20.0]);
        runs.push(Run::new(75.0, y, 10.0, cells[0]));
        runs.push(Run::new(195.0, y, 10.0, cells[1]));
    }
    let doc = text_of(&build(&[Page { runs, boxes }]));
    assert_eq!(doc.signals.text_boxes.len(), 1, "{:?}", doc.signals.text_boxes);
    assert!(doc.signals.text_boxes[0].text.contains("jordan@example.com"));
    assert_eq!(doc.signals.tables.len(), 1, "{:?}", doc.signals.tables);
    assert_eq!((doc.signals.tables[0].rows, doc.signals.tables[0].cols), (3, 2));
    assert!(doc.lines.iter().any(|l| l.region == Region::Table));
    assert!(doc.lines.iter().any(|l| l.region == Region::TextBox));
    assert!(doc.signals.columns.is_empty(), "a table is not a column layout");
}

#[test]
fn damaged_and_hostile_pdfs_end_in_specific_errors() {
    let good = build(&[Page {
        runs: flow(72.0, 742.0, &["Jordan Lee"]),
        boxes: vec![],
    }]);
    // Truncated: either recovered or a clean error, never a panic.
    for cut in [10, good.len() / 3, good.len() / 2, good.len() - 20] {
        let _ = extract(&good[..cut], &Limits::default());
    }
    // Bit flips across the file.
    for i in (0..good.len()).step_by(7) {
        let mut bad = good.clone();
        bad[i] ^= 0x5A;
        let _ = extract(&bad, &Limits::default());
    }
    assert!(matches!(
        extract(b"%PDF-1.7\n garbage", &Limits::default()),
        Err(ExtractError::Malformed { .. })
    ));
    let small = Limits {
        max_input_bytes: 100,
        ..Limits::default()
    };
    assert!(matches!(extract(&good, &small), Err(ExtractError::TooLarge { .. })));
}

#[test]
fn too_many_operators_and_pages_hit_their_caps() {
    let many = Limits {
        max_operators: 50,
        ..Limits::default()
    };
    let pdf = build(&[Page {
        runs: flow(72.0, 742.0, &["a"; 40]),
        boxes: vec![],
    }]);
    assert!(matches!(
        extract(&pdf, &many),
        Err(ExtractError::LimitExceeded {
            what: "content operators",
            ..
        })
    ));
    let pages = Limits {
        max_pages: 2,
        ..Limits::default()
    };
    let three = build(&vec![
        Page {
            runs: flow(72.0, 742.0, &["x"]),
            boxes: vec![]
        };
        3
    ]);
    assert!(matches!(
        extract(&three, &pages),
        Err(ExtractError::LimitExceeded { what: "pages", .. })
    ));
}

#[test]
fn encrypted_pdfs_open_with_an_empty_user_password_and_are_refused_otherwise() {
    let plain = build(&[Page {
        runs: flow(72.0, 742.0, &["Jordan Lee", "jordan.lee@example.com"]),
        boxes: vec![],
    }]);
    // Owner-password-only PDFs (permissions set, no password to open) are common exports.
    let doc = text_of(&encrypt(&plain, ""));
    assert_eq!(doc.lines[1].text, "jordan.lee@example.com");
    assert!(matches!(
        extract(&encrypt(&plain, "user-secret"), &Limits::default()),
        Err(ExtractError::EncryptedPdf)
    ));
}

fn page_lines(runs: Vec<Run>) -> Vec<String> {
    let doc = text_of(&build(&[Page { runs, boxes: vec![] }]));
    doc.lines.iter().map(|l| l.text.clone()).collect()
}

/// Issue 13: tightly justified lines space their words by positioning alone, at ~0.14 em;
/// kerns of a few hundredths of an em, and the even tracking of a letter-spaced line, are no
/// word breaks.
#[test]
fn tight_word_gaps_are_spaces_and_kerns_and_tracking_are_not() {
    let words =
        |gap: f32, text: &str| -> Vec<(String, f32)> { text.split(' ').map(|w| (w.to_string(), gap)).collect() };
    let tight = words(-140.0, "Tuned the shard balancer for nightly loads");
    let tight: Vec<(&str, f32)> = tight.iter().map(|(t, n)| (t.as_str(), *n)).collect();
    // Words drawn in pieces a few letters long, kerned apart by 0.03 to 0.05 em.
    let kerned = [
        ("Obs", -30.0),
        ("erv", -50.0),
        ("abi", -40.0),
        ("lity", -330.0),
        ("pip", -45.0),
        ("eli", -35.0),
        ("nes", 0.0),
    ];
    // Every letter 0.12 em apart, as a tracked heading: one word.
    let tracked: Vec<(String, f32)> = "PORTFOLIO".chars().map(|c| (c.to_string(), -120.0)).collect();
    let tracked: Vec<(&str, f32)> = tracked.iter().map(|(t, n)| (t.as_str(), *n)).collect();
    let lines = page_lines(vec![
        Run::tj(72.0, 700.0, 9.0, &tight),
        Run::tj(72.0, 680.0, 10.0, &kerned),
        Run::tj(72.0, 660.0, 10.0, &tracked),
    ]);
    assert_eq!(
        lines,
        [
            "Tuned the shard balancer for nightly loads",
            "Observability pipelines",
            "PORTFOLIO"
        ]
    );
}

/// Issue 13: a visible hyphen that the font's ToUnicode calls a soft hyphen (U+00AD) is a
/// hyphen inside a line, and at a line's end breaks the word it joins; one that takes no room
/// shows nothing.
#[test]
fn a_drawn_soft_hyphen_is_a_hyphen_and_breaks_a_word_at_a_line_end() {
    let lines = page_lines(vec![
        Run::new(72.0, 700.0, 10.0, "Co\u{AD}owner, Mar 2015 \u{AD} Apr 2019").cid(),
        Run::new(72.0, 686.0, 10.0, "Wrote the fare-split calcu\u{AD}").cid(),
        Run::new(72.0, 672.0, 10.0, "lator for 12 cities").cid(),
        Run::new(72.0, 658.0, 10.0, "Ran it 2019 \u{AD}").cid(),
        Run::new(72.0, 644.0, 10.0, "2021 with two people").cid(),
        // A browser draws a soft hyphen inside a line with its advance taken back: it shows
        // nothing, and the word stays whole.
        Run::new(72.0, 630.0, 10.0, "Shipped customer\u{AD}").cid(),
        Run::new(72.0 + cid_width("Shipped customer", 10.0), 630.0, 10.0, "facing tools").cid(),
    ]);
    assert_eq!(
        lines,
        [
            "Co-owner, Mar 2015 - Apr 2019",
            "Wrote the fare-split calculator",
            "for 12 cities",
            "Ran it 2019 -",
            "2021 with two people",
            "Shipped customerfacing tools"
        ]
    );
}

/// Issue 13: a symbol font's glyph that opens a line is a bullet, whether its ToUnicode says
/// '{' or the private-use code of Symbol's bullet (which is a mapping, not an unmappable
/// glyph); a Greek letter or a '≥' from the same font is text, while a dingbat font's 'l' is
/// its bullet.
#[test]
fn a_symbol_font_glyph_opening_a_line_is_a_bullet() {
    let runs = vec![
        Run::symbol(72.0, 700.0, 10.0, 0xB7, "{"),
        Run::new(84.0, 700.0, 10.0, "Ran the Jan 2022 - Jun 2022 migration"),
        Run::symbol(72.0, 686.0, 10.0, 0xA8, "\u{F0A8}"),
        Run::new(84.0, 686.0, 10.0, "Cut the claim cycle to 11 days"),
        Run::symbol(72.0, 672.0, 10.0, 0x61, "\u{3B1}"),
        Run::new(84.0, 672.0, 10.0, "testing with 40 users"),
        Run::symbol(72.0, 644.0, 10.0, 0xB3, "\u{2265}"),
        Run::new(84.0, 644.0, 10.0, "5 years of Rust"),
        // Wingdings draws its round bullet for the code of 'l'.
        Run::dingbat(72.0, 630.0, 10.0, 0x6C, "l"),
        Run::new(84.0, 630.0, 10.0, "Led 3 audits"),
    ];
    let doc = text_of(&build(&[Page { runs, boxes: vec![] }]));
    let lines: Vec<(&str, bool)> = doc.lines.iter().map(|l| (l.text.as_str(), l.bullet)).collect();
    assert_eq!(
        lines,
        [
            ("Ran the Jan 2022 - Jun 2022 migration", true),
            ("Cut the claim cycle to 11 days", true),
            ("\u{3B1} testing with 40 users", false),
            ("\u{2265} 5 years of Rust", false),
            ("Led 3 audits", true)
        ]
    );
    assert_eq!(doc.signals.unmappable_glyphs, 0);
}

/// Issue 13: an icon font's pictographs before contact lines (FontAwesome, as CV classes draw
/// them) whose ToUnicode gives a control or private-use code are decoration: neither text nor
/// unmappable glyphs. The same private-use code from a text font is still text lost.
#[test]
fn icon_font_pictographs_are_not_unmappable_glyphs() {
    let contact = |extra: Vec<Run>| {
        let mut runs = vec![
            Run::icon(72.0, 700.0, 10.0, 0x82, "\u{82}"),
            Run::new(86.0, 700.0, 10.0, "linkedin.com/in/renosei"),
            Run::icon(72.0, 686.0, 10.0, 0xE0, "\u{F0E0}"),
            Run::new(86.0, 686.0, 10.0, "ren.osei@example.org"),
            Run::icon(72.0, 672.0, 10.0, 0x95, "I"),
            Run::new(86.0, 672.0, 10.0, "+44 20 7946 0321"),
        ];
        runs.extend(extra);
        text_of(&build(&[Page { runs, boxes: vec![] }]))
    };
    let doc = contact(vec![]);
    let lines: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        lines,
        ["linkedin.com/in/renosei", "ren.osei@example.org", "I +44 20 7946 0321"]
    );
    assert_eq!(doc.signals.unmappable_glyphs, 0);
    let doc = contact(vec![Run::new(72.0, 640.0, 10.0, "Cl\u{E001}ud budgets").cid()]);
    assert_eq!(doc.signals.unmappable_glyphs, 1);
}

/// Dev class D5: LuaTeX maps fontawesome5's glyphs to their NAMES ("MOBILE-ALT", "Envelope").
/// An icon font's glyph is one picture, so several characters from one glyph are its name:
/// decoration, neither text nor an unmappable glyph. A one-letter mapping stays text.
#[test]
fn icon_font_glyph_names_are_decoration() {
    let runs = vec![
        Run::icon(72.0, 700.0, 10.0, 0x21, "MOBILE-ALT"),
        Run::new(86.0, 700.0, 10.0, "+33 1 23 45 67 89"),
        Run::icon(72.0, 686.0, 10.0, 0x22, "Envelope"),
        Run::new(86.0, 686.0, 10.0, "ada.brook@example.com"),
        Run::icon(72.0, 672.0, 10.0, 0x23, "globe-americas"),
        Run::new(86.0, 672.0, 10.0, "linkedin.com/in/adabrook"),
    ];
    let doc = text_of(&build(&[Page { runs, boxes: vec![] }]));
    let lines: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        lines,
        ["+33 1 23 45 67 89", "ada.brook@example.com", "linkedin.com/in/adabrook"]
    );
    assert_eq!(doc.signals.unmappable_glyphs, 0);
}

/// Dev class D8: a private-use glyph set apart from the words (a web page's icon, mapped to a
/// private-use code in a text font) is decoration, not an unmappable glyph; one between
/// letters is still a letter lost.
#[test]
fn a_private_use_icon_apart_from_words_is_not_unmappable() {
    let runs = vec![
        Run::new(72.0, 700.0, 10.0, "\u{F111} Lyon, France").cid(),
        Run::new(72.0, 686.0, 10.0, "Budgets \u{E001} and forecasts").cid(),
    ];
    let doc = text_of(&build(&[Page { runs, boxes: vec![] }]));
    assert_eq!(doc.signals.unmappable_glyphs, 0, "{:?}", doc.lines);
    assert!(doc.lines.iter().any(|l| l.text == "Lyon, France"), "{:?}", doc.lines);
    let runs = vec![Run::new(72.0, 700.0, 10.0, "Cl\u{E001}ud budgets").cid()];
    assert_eq!(
        text_of(&build(&[Page { runs, boxes: vec![] }]))
            .signals
            .unmappable_glyphs,
        1
    );
}

/// Width of `text` in the test CID font: 0.556 em a character, 0.278 em a space.
fn cid_width(text: &str, size: f32) -> f32 {
    text.chars().map(|c| if c == ' ' { 0.278 } else { 0.556 }).sum::<f32>() * size
}

/// Runs drawn one after the other from `x`: (text, size, rise in points).
fn runs_in_a_row(x: f32, y: f32, parts: &[(&str, f32, f32)]) -> Vec<Run> {
    let mut x = x;
    let mut runs = Vec::new();
    for &(text, size, rise) in parts {
        runs.push(Run::new(x, y + rise, size, text).cid());
        x += cid_width(text, size);
    }
    runs
}

/// Issue 13: a raised, smaller suffix ("1st") or a lowered index ("CO2") stays on its line;
/// a small line of its own close above, overlapping the line below or standing apart from
/// it, is not a script.
#[test]
fn superscripts_and_subscripts_stay_on_their_line() {
    let mut runs = runs_in_a_row(
        72.0,
        700.0,
        &[
            ("Placed ", 10.0, 0.0),
            ("3", 10.0, 0.0),
            ("rd", 7.0, 4.0),
            (" of 40, then ", 10.0, 0.0),
            ("1", 10.0, 0.0),
            ("st", 7.0, 4.0),
        ],
    );
    runs.extend(runs_in_a_row(
        72.0,
        670.0,
        &[("Cut CO", 10.0, 0.0), ("2", 7.0, -3.0), (" use by 8%", 10.0, 0.0)],
    ));
    // A 7 pt note 4 pt above a line it overlaps, and a 7 pt label far to the right of one.
    runs.push(Run::new(80.0, 644.0, 7.0, "note set close").cid());
    runs.push(Run::new(72.0, 640.0, 10.0, "Body line under the note").cid());
    runs.push(Run::new(72.0, 610.0, 10.0, "Short line").cid());
    runs.push(Run::new(400.0, 614.0, 7.0, "label").cid());
    assert_eq!(
        page_lines(runs),
        [
            "Placed 3rd of 40, then 1st",
            "Cut CO2 use by 8%",
            "note set close",
            "Body line under the note",
            "label",
            "Short line"
        ]
    );
}

/// Issue 13: a heading whose baseline is 3 pt above the entry below it overlaps it on the
/// page; each is read whole. Fake bold (a copy 0.4 pt to the right) is read once, and an accent
/// raised over a capital still composes with it.
#[test]
fn runs_drawn_over_each_other_are_read_whole() {
    let runs = vec![
        Run::new(72.0, 600.0, 12.0, "PROJECTS").bold(),
        Run::new(72.0, 597.0, 10.0, "[1] Route planner for rural buses, 2022").cid(),
        Run::new(72.0, 560.0, 12.0, "AWARDS").bold(),
        Run::new(72.4, 560.0, 12.0, "AWARDS").bold(),
        Run::new(72.0, 530.0, 10.0, "ECOLE Prize").cid(),
        Run::new(73.5, 532.5, 10.0, "\u{B4}").cid(),
    ];
    assert_eq!(
        page_lines(runs),
        [
            "PROJECTS",
            "[1] Route planner for rural buses, 2022",
            "AWARDS",
            "\u{C9}COLE Prize"
        ]
    );
}

/// Issue 13: a large title whose baseline is only 2 pt (0.2 em of the smaller size) below a
/// small contact line that runs into it is its own line, read whole: runs of different sizes
/// are no fake-bold copy, whatever their shift.
#[test]
fn a_large_run_set_just_below_a_small_one_it_overlaps_is_a_line_of_its_own() {
    let runs = vec![
        Run::new(60.0, 700.0, 10.0, "mail: ren.osei@example.org"),
        Run::new(150.0, 698.0, 18.0, "Tax Consultant"),
    ];
    assert_eq!(page_lines(runs), ["mail: ren.osei@example.org", "Tax Consultant"]);
}

/// Issue 13: a date right-aligned in a label column that overhangs the text beside it on the
/// same baseline is drawn over its first letters; each run is read whole, not woven glyph by
/// glyph. Letters of one run never overlap, so ordinary lines and tight kerning are untouched.
#[test]
fn a_run_overhanging_the_run_beside_it_on_one_baseline_is_read_whole() {
    let date = "03/2016\u{2013}11/2019";
    let date_right = 140.0;
    let runs = vec![
        Run::new(date_right - cid_width(date, 10.0), 600.0, 10.0, date).cid(),
        Run::new(132.0, 600.0, 10.0, "Budget Lead, Orrin Freight, Oslo").cid(),
        Run::new(132.0, 580.0, 10.0, "Ran quarterly close for 9 entities").cid(),
    ];
    assert_eq!(
        page_lines(runs),
        [
            "03/2016\u{2013}11/2019",
            "Budget Lead, Orrin Freight, Oslo",
            "Ran quarterly close for 9 entities"
        ]
    );
}

/// Issue 13: a name or heading set letter-spaced (a space after every letter, a wider gap
/// between words) reads as its words; single letters in ordinary text, initials and
/// unevenly spaced letters are left as they are.
#[test]
fn letter_spaced_words_collapse_and_ordinary_single_letters_do_not() {
    let lines = page_lines(vec![
        Run::new(72.0, 700.0, 20.0, "T E O   V A N C E").bold(),
        Run::new(72.0, 670.0, 12.0, "S K I L L S").bold(),
        Run::new(72.0, 650.0, 10.0, "Ran A B testing for 3 teams"),
        Run::new(72.0, 635.0, 10.0, "J. R. R. Okafor"),
        Run::new(72.0, 620.0, 10.0, "Plan A B C"),
        // Gaps of 0.3 and 0.45 em: neither one step nor a word gap apart.
        Run::tj(72.0, 605.0, 10.0, &[("X", -300.0), ("Y", -450.0), ("Z", 0.0)]),
    ]);
    assert_eq!(
        lines,
        [
            "TEO VANCE",
            "SKILLS",
            "Ran A B testing for 3 teams",
            "J. R. R. Okafor",
            "Plan A B C",
            "X Y Z"
        ]
    );
}

/// Issue 13: TeX sets an accented capital as the letter and a spacing accent raised above it;
/// raised with a superscript on the same line ("m2"), the accents and the superscript make a
/// band of their own, which belongs to the line: the accents compose with their capitals.
#[test]
fn accents_raised_over_capitals_join_their_line_with_its_superscripts() {
    let mut runs = runs_in_a_row(
        72.0,
        700.0,
        &[("Area m", 10.0, 0.0), ("2", 7.0, 3.5), (" at Ecole", 10.0, 0.0)],
    );
    // The acute over the 'E' of "Ecole" (the 11th character of the line), raised 2.5 pt.
    let e_x = 72.0 + cid_width("Area m", 10.0) + cid_width("2", 7.0) + cid_width(" at ", 10.0);
    runs.push(Run::new(e_x + 1.0, 702.5, 10.0, "\u{B4}").cid());
    assert_eq!(page_lines(runs), ["Area m2 at \u{C9}cole"]);
}

/// A one-page PDF that draws `lines` (raw codes, one string per line, 14 pt apart) in `font`.
fn one_font_page(doc: &mut lopdf::Document, font: lopdf::Dictionary, lines: &[&[u8]]) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{dictionary, Object, Stream, StringFormat};
    let font = doc.add_object(font);
    let mut ops = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 10.into()]),
    ];
    for (i, line) in lines.iter().enumerate() {
        let td = if i == 0 {
            vec![72.into(), 700.into()]
        } else {
            vec![0.into(), (-14).into()]
        };
        ops.push(Operation::new("Td", td));
        ops.push(Operation::new(
            "Tj",
            vec![Object::String(line.to_vec(), StringFormat::Literal)],
        ));
    }
    ops.push(Operation::new("ET", vec![]));
    let content = doc.add_object(Stream::new(
        dictionary! {},
        Content { operations: ops }.encode().unwrap(),
    ));
    let pages_id = doc.new_object_id();
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// Issue 13 (groff's PDFs): a simple font's `/Differences` that names `/.notdef` for the codes
/// it leaves empty still moves the codes it names (dashes, ligatures, a `uni2011` hyphen), and
/// a ToUnicode CMap that writes the font's one-byte codes with two bytes (`<0085>`) still maps
/// them; before, one unknown name lost the whole array and the dashes and ligatures vanished.
#[test]
fn differences_with_notdef_and_two_byte_tounicode_codes_decode() {
    use lopdf::{dictionary, Object, Stream};
    let mut doc = lopdf::Document::with_version("1.5");
    let names = ["endash", "emdash", ".notdef", "fi", ".notdef", "uni2011"];
    let mut differences = vec![Object::Integer(0x81)];
    differences.extend(names.iter().map(|n| Object::Name(n.as_bytes().to_vec())));
    let cmap = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n1 begincodespacerange\n\
                <0000> <FFFF>\nendcodespacerange\n1 beginbfchar\n<0085> <00660066>\nendbfchar\nendcmap\n\
                CMapName currentdict /CMap defineresource pop\nend\nend\n";
    let to_unicode = doc.add_object(Stream::new(dictionary! {}, cmap.as_bytes().to_vec()));
    let font = dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Roman",
        "Encoding" => dictionary! { "Type" => "Encoding", "BaseEncoding" => "WinAnsiEncoding", "Differences" => differences },
        "ToUnicode" => to_unicode,
    };
    let pdf = one_font_page(
        &mut doc,
        font,
        &[
            b"Lead Analyst \x82 Oslo \x81 2019\x812023",
            b"Ef\x84cient e\x85ort for co\x86op teams",
        ],
    );
    let lines: Vec<String> = text_of(&pdf).lines.iter().map(|l| l.text.clone()).collect();
    assert_eq!(
        lines,
        [
            "Lead Analyst \u{2014} Oslo \u{2013} 2019\u{2013}2023",
            "Efficient effort for co\u{2011}op teams"
        ]
    );
}

/// Issue 13 (browsers' PDFs): a deeply kerned pair ("Ta", the 'a' tucked 0.17 em under the T's
/// arm) is one word, not two runs woven together on one baseline; before, the band was cut at
/// the 'a' and "Tableau" read as "T" and "ableau" on lines of their own.
#[test]
fn a_deep_kern_is_no_woven_run() {
    let lines = page_lines(vec![
        Run::tj(
            72.0,
            700.0,
            10.0,
            &[("Python, SQL, T", 170.0), ("ableau, Statistics", 0.0)],
        ),
        Run::tj(
            72.0,
            686.0,
            10.0,
            &[("V", 150.0), ("alued a ", 0.0), ("W", 120.0), ("orkday rollout", 0.0)],
        ),
    ]);
    assert_eq!(lines, ["Python, SQL, Tableau, Statistics", "Valued a Workday rollout"]);
}
