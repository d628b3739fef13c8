//! Issue 7 §2: every hostile input ends in `Ok` or a specific [`ats_parse::ExtractError`] —
//! the cap errors for the bombs, never `Malformed` — without a panic and within a generous
//! bound. The inputs are built in memory by `support/hostile.rs` (the same generator as
//! `examples/hostile_corpus.rs`); the multi-GiB bombs are built at 64 MiB, still 8× the
//! default stream cap. Runs on the test harness's 2 MiB thread, like the server's blocking
//! pool, so a recursion that would overflow a server thread overflows here too.
#[path = "support/hostile.rs"]
mod hostile;
#[path = "support/pdfgen.rs"]
mod pdfgen;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use ats_parse::{extract, ExtractError, Limits};
use hostile::{outcome, Case, Scale};

/// Wall-clock bound per input in this (debug, loaded) build; the release build is measured by
/// `scripts/hostile-measure.py` against the 2 s.
const BOUND: Duration = Duration::from_secs(6);

fn check(case: &Case, limits: &Limits) -> Result<(), String> {
    let start = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| extract(&case.bytes, limits)));
    let took = start.elapsed();
    let result = result.map_err(|_| format!("{}: panicked", case.name))?;
    let got = outcome(&result);
    let text_len = result.as_ref().map(|d| d.text.len()).unwrap_or(0);
    eprintln!(
        "{:<40} {:>9} B  {:>6} ms  {got}",
        case.name,
        case.bytes.len(),
        took.as_millis()
    );
    if !case.expect.contains(&"*") && !case.expect.contains(&got) {
        return Err(format!(
            "{}: got {got} ({:?}), expected one of {:?}",
            case.name,
            result.err(),
            case.expect
        ));
    }
    if took > BOUND {
        return Err(format!("{}: took {took:?}, bound {BOUND:?}", case.name));
    }
    if let Ok(doc) = &result {
        // Entities are never expanded, external ones never fetched.
        if doc.text.contains("lollollol") || doc.text.contains("root:") {
            return Err(format!("{}: entity expanded into the text", case.name));
        }
        if text_len as u64 > limits.max_text_chars * 4 {
            return Err(format!("{}: {text_len} bytes of text", case.name));
        }
    }
    Ok(())
}

#[test]
fn every_hostile_input_ends_in_a_report_or_a_specific_error() {
    let limits = Limits::default();
    let mut cases = hostile::cases(Scale::TEST);
    cases.push(Case {
        name: format!("docx-bomb-{}.docx", hostile::human(Scale::TEST.docx_bomb)),
        bytes: hostile::docx_bomb_vec(Scale::TEST.docx_bomb),
        expect: &["LimitExceeded"],
    });
    let failures: Vec<String> = cases.iter().filter_map(|c| check(c, &limits).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn bombs_hit_the_inflation_caps() {
    let limits = Limits::default();
    let pdf = hostile::cases(Scale::TEST)
        .into_iter()
        .find(|c| c.name.starts_with("flate-bomb"))
        .expect("the PDF bomb");
    let docx = hostile::docx_bomb_vec(Scale::TEST.docx_bomb);
    for (name, bytes) in [(pdf.name.as_str(), &pdf.bytes), ("docx-bomb", &docx)] {
        match extract(bytes, &limits) {
            Err(ExtractError::LimitExceeded { what, limit }) => {
                assert!(
                    what.contains("decompressed") || what.contains("inflated"),
                    "{name}: {what}"
                );
                assert!(limit <= limits.max_total_inflated_bytes, "{name}: {limit}");
            }
            other => panic!("{name}: {:?}", other.map(|d| d.text.len())),
        }
    }
}

#[test]
fn the_hand_written_deflate_stream_inflates_to_the_promised_size() {
    // Checked with the zip crate's inflater: a stored zip would not do, so wrap the raw
    // deflate data (zlib minus header and checksum) in a zip entry by hand.
    let n = 1_000_003u64;
    let zlib = hostile::zeros_zlib(n);
    let raw = &zlib[2..zlib.len() - 4];
    let crc = crc32(&vec![0u8; n as usize]);
    let mut zip = Vec::new();
    let name = b"z";
    zip.extend(b"PK\x03\x04\x14\0\0\0\x08\0\0\0\0\0");
    zip.extend(crc.to_le_bytes());
    zip.extend((raw.len() as u32).to_le_bytes());
    zip.extend((n as u32).to_le_bytes());
    zip.extend((name.len() as u16).to_le_bytes());
    zip.extend(0u16.to_le_bytes());
    zip.extend(name);
    zip.extend(raw);
    let cd = zip.len();
    zip.extend(b"PK\x01\x02\x14\0\x14\0\0\0\x08\0\0\0\0\0");
    zip.extend(crc.to_le_bytes());
    zip.extend((raw.len() as u32).to_le_bytes());
    zip.extend((n as u32).to_le_bytes());
    zip.extend((name.len() as u16).to_le_bytes());
    zip.extend([0u8; 12]);
    zip.extend(0u32.to_le_bytes());
    zip.extend(name);
    let cd_len = zip.len() - cd;
    zip.extend(b"PK\x05\x06\0\0\0\0\x01\0\x01\0");
    zip.extend((cd_len as u32).to_le_bytes());
    zip.extend((cd as u32).to_le_bytes());
    zip.extend(0u16.to_le_bytes());
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a zip");
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut archive.by_index(0).expect("entry"), &mut out).expect("inflates");
    assert_eq!(out.len() as u64, n);
    assert!(out.iter().all(|&b| b == 0));
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// What pdftotext reads from `bytes`, when it is installed.
fn pdftotext(bytes: &[u8], name: &str) -> Option<String> {
    let path = std::env::temp_dir().join(format!("ats-hostile-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).ok()?;
    let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output();
    let _ = std::fs::remove_file(&path);
    let out = out.ok().filter(|o| o.status.success())?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn text_is_read_as_pdftotext_reads_it_or_its_loss_is_reported() {
    let limits = Limits::default();
    for (name, bytes, trick) in hostile::lost_text_cases() {
        let doc = extract(&bytes, &limits).unwrap_or_else(|e| panic!("{name} ({trick}): {e}"));
        let read = doc.text.contains(hostile::AFTER_THE_TRICK);
        assert!(
            read || !doc.signals.unreadable_pages.is_empty(),
            "{name} ({trick}): the text after the trick is lost without a word: {:?}",
            doc.text
        );
        if read {
            assert!(doc.text.contains("Jordan Lee"), "{name}: {:?}", doc.text);
        }
        // The generator's shapes are those pdftotext reads whole.
        match pdftotext(&bytes, name) {
            Some(theirs) => assert!(
                theirs.contains(hostile::AFTER_THE_TRICK),
                "{name}: pdftotext read {theirs:?}"
            ),
            // The stderr handle, not `eprintln!`: the harness does not capture it, so the skip shows.
            None => {
                let _ = std::io::Write::write_all(
                    &mut std::io::stderr(),
                    format!("\n*** SKIPPED: the pdftotext comparison for {name}: pdftotext is not installed (apt-get install poppler-utils) ***\n").as_bytes(),
                );
            }
        }
    }
}

#[test]
fn an_owner_password_only_pdf_reads_and_says_it_is_secured() {
    let limits = Limits::default();
    let plain = extract(&hostile::resume_pdf(1), &limits).expect("the résumé reads");
    assert!(!plain.signals.secured);
    let secured = extract(&pdfgen::encrypt(&hostile::resume_pdf(1), ""), &limits).expect("opens without a password");
    assert!(secured.signals.secured);
    assert_eq!(secured.text, plain.text);
}

#[test]
fn amplification_ends_in_a_limit_naming_its_number_or_in_a_bounded_report() {
    let limits = Limits::default();
    for case in hostile::amplification_cases() {
        match extract(&case.bytes, &limits) {
            Err(ExtractError::LimitExceeded { limit, .. }) => assert!(limit > 0, "{}", case.name),
            Err(ExtractError::Timeout { .. }) => {}
            Ok(doc) => assert!(
                doc.text.len() < 10_000,
                "{}: {} bytes of text",
                case.name,
                doc.text.len()
            ),
            Err(e) => panic!("{}: {e}", case.name),
        }
    }
}

#[test]
fn a_bomb_inside_an_object_stream_names_the_per_stream_limit() {
    let limits = Limits::default();
    match extract(&hostile::object_stream_bomb_pdf(64 << 20), &limits) {
        Err(ExtractError::LimitExceeded { what, limit }) => {
            assert!(what.contains("decompressed"), "{what}");
            assert_eq!(limit, limits.max_stream_bytes);
        }
        other => panic!("{:?}", other.map(|d| d.text)),
    }
}
