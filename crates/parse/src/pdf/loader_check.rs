//! The selective loader (`load.rs`) against lopdf's full load of the same bytes: the check, and
//! the PDF assembled from object bodies, that the loader's tests, its property test and the
//! `loader` and `pdf_objects` fuzz targets share. The loader must
//! give up or give exactly lopdf's document: same header facts, trailer, cross-reference
//! table, pages, and every object it holds equal to lopdf's (a subset: it skips what
//! extraction never reads).

use lopdf::{Document, LoadOptions};

/// lopdf's own load of `bytes`, lenient, with a cap on each inflated stream.
pub(crate) fn lopdf_load(bytes: &[u8]) -> lopdf::Result<Document> {
    let options = LoadOptions {
        max_decompressed_size: Some(8 << 20),
        ..LoadOptions::default()
    };
    Document::load_mem_with_options(bytes, options)
}

/// Loads `bytes` with the selective loader and compares: `Ok(false)` when it gives up (lopdf
/// then loads the file), `Ok(true)` when it loads exactly what lopdf loads, `Err` with the
/// first difference otherwise.
pub fn compare_with_lopdf(bytes: &[u8], max_objects: u64) -> Result<bool, String> {
    match super::load::load(bytes, max_objects) {
        None => Ok(false),
        Some(ours) => same_as_lopdf(&ours, bytes).map(|()| true),
    }
}

/// `Err` with the first difference unless `ours` is the document lopdf loads from `bytes`,
/// object for object where `ours` has one, with the same pages.
pub(crate) fn same_as_lopdf(ours: &Document, bytes: &[u8]) -> Result<(), String> {
    let theirs = lopdf_load(bytes).map_err(|e| format!("lopdf fails ({e}) where the fast path loads"))?;
    let same = |what: &str, a: String, b: String| {
        if a == b {
            Ok(())
        } else {
            Err(format!("{what} differs:\n{a}\n{b}"))
        }
    };
    same("version", ours.version.clone(), theirs.version.clone())?;
    same(
        "binary mark",
        format!("{:?}", ours.binary_mark),
        format!("{:?}", theirs.binary_mark),
    )?;
    same("max id", ours.max_id.to_string(), theirs.max_id.to_string())?;
    same("xref start", ours.xref_start.to_string(), theirs.xref_start.to_string())?;
    same(
        "xref sections",
        format!("{:?}", ours.xref_section_count),
        format!("{:?}", theirs.xref_section_count),
    )?;
    same(
        "xref recovery",
        format!("{:?}", ours.xref_recovery),
        format!("{:?}", theirs.xref_recovery),
    )?;
    same(
        "linearization",
        format!("{:?}", ours.linearization),
        format!("{:?}", theirs.linearization),
    )?;
    if theirs.encryption_state.is_some() {
        return Err("lopdf decrypted a file the fast path loaded".to_string());
    }
    // Debug keeps the order of keys, which `==` on dictionaries ignores.
    same(
        "trailer",
        format!("{:?}", ours.trailer),
        format!("{:?}", theirs.trailer),
    )?;
    same(
        "reference table",
        format!("{:?}", ours.reference_table),
        format!("{:?}", theirs.reference_table),
    )?;
    if ours.objects.len() > theirs.objects.len() {
        return Err(format!(
            "{} objects, lopdf {}",
            ours.objects.len(),
            theirs.objects.len()
        ));
    }
    for (id, object) in &ours.objects {
        let theirs = theirs.objects.get(id).ok_or_else(|| format!("lopdf lacks {id:?}"))?;
        if object != theirs {
            return Err(format!("object {id:?} differs:\n{object:?}\n{theirs:?}"));
        }
        same(&format!("object {id:?}"), format!("{object:?}"), format!("{theirs:?}"))?;
    }
    same(
        "pages",
        format!("{:?}", ours.get_pages()),
        format!("{:?}", theirs.get_pages()),
    )
}

/// The pieces of `data` between `\n%%\n` separators (at most 1,000): object bodies, for
/// [`assemble`].
pub fn split_bodies(data: &[u8]) -> Vec<&[u8]> {
    const MAX_BODIES: usize = 1000;
    let mut bodies = Vec::new();
    let mut rest = data;
    while bodies.len() < MAX_BODIES {
        let end = rest.windows(4).position(|w| w == b"\n%%\n").unwrap_or(rest.len());
        bodies.push(&rest[..end]);
        if end == rest.len() {
            break;
        }
        rest = &rest[end + 4..];
    }
    bodies
}

/// A PDF whose object `i + 1` is `bodies[i]`, behind a correct cross-reference table and a
/// trailer with `trailer`'s entries (`"/Root 1 0 R/Info 2 0 R"`): whatever the bodies hold,
/// every object is where the table says, so the loader reads each one.
pub fn assemble<B: AsRef<[u8]>>(bodies: &[B], trailer: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in bodies.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body.as_ref());
        out.extend_from_slice(b"\nendobj\n");
    }
    let start = out.len();
    let size = bodies.len() + 1;
    out.extend_from_slice(format!("xref\n0 {size}\n0000000000 65535 f \n").as_bytes());
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(format!("trailer\n<</Size {size}{trailer}>>\nstartxref\n{start}\n%%EOF\n").as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRAILER: &str = "/Root 1 0 R/Info 2 0 R";

    /// An object body: dictionaries of the keys the loader treats apart (Type, Kids, Length,
    /// the skipped ones), numbers (the digit path), references (in and out of range), strings,
    /// streams with right and wrong lengths.
    fn body() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let value = prop_oneof![
            "[+-]?[0-9]{1,12}(\\.[0-9]{0,6})?",
            "[0-9]{1,2} [0-9] R",
            "/(Catalog|Pages|Page|Font|XObject|Image|Metadata|SMask|Outlines|F1)",
            "\\([a-z \\\\()]{0,8}\\)",
            "<[0-9a-f]{0,6}>",
            "\\[([0-9]{1,2} 0 R ?){0,3}\\]",
            "(true|false|null)",
        ];
        let key = "/(Type|Pages|Kids|Count|Parent|MediaBox|Resources|Contents|Length|Filter|Font|Thumb|Metadata|StructTreeRoot|Outlines|Annots|Info)";
        let entry = (key, value).prop_map(|(k, v)| format!("{k} {v}"));
        let dict = proptest::collection::vec(entry, 0..6).prop_map(|e| format!("<<{}>>", e.join(" ")));
        prop_oneof![
            4 => dict.clone(),
            2 => (dict, "[a-z0-9 ]{0,12}", 0usize..16).prop_map(|(d, data, extra)| {
                let d = d.trim_end_matches(">>").to_string();
                format!("{d}/Length {}>>\nstream\n{data}\nendstream", data.len().saturating_sub(extra % 3) + extra / 3)
            }),
            1 => "[0-9]{1,6}|\\[[0-9 ]{0,8}\\]|\\([a-z]{0,6}\\)",
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(512))]

        /// Generated objects behind a correct table: wherever the loader loads, it loads
        /// lopdf's document.
        #[test]
        fn loads_what_lopdf_loads_on_generated_objects(
            catalog_kids in "[0-9 ]{0,6}",
            bodies in proptest::collection::vec(body(), 0..8),
        ) {
            let mut all = vec![
                "<</Type/Catalog/Pages 3 0 R>>".to_string(),
                "<</Producer (generated)>>".to_string(),
                format!("<</Type/Pages/Kids[4 0 R {catalog_kids}]/Count 1>>"),
                "<</Type/Page/Parent 3 0 R/MediaBox[0 0 612 792]/Contents 5 0 R>>".to_string(),
            ];
            all.extend(bodies);
            let pdf = assemble(&all, TRAILER);
            if let Err(e) = compare_with_lopdf(&pdf, 100_000) {
                proptest::prop_assert!(false, "{e}\n{}", String::from_utf8_lossy(&pdf));
            }
        }
    }

    #[test]
    fn a_plain_generated_file_loads_through_the_fast_path_as_lopdf_does() {
        let pdf = assemble(
            &[
                "<</Type/Catalog/Pages 3 0 R>>".to_string(),
                "<</Producer (x)>>".to_string(),
                "<</Type/Pages/Kids[4 0 R]/Count 1>>".to_string(),
                "<</Type/Page/Parent 3 0 R/MediaBox[0 0 612 792]/Contents 5 0 R>>".to_string(),
                "<</Length 9>>\nstream\nBT ET q Q\nendstream".to_string(),
            ],
            TRAILER,
        );
        assert_eq!(compare_with_lopdf(&pdf, 100_000), Ok(true));
    }
}
