//! The HTML the server writes itself: the check page with its role list and upload limit filled
//! in (so the form works without JavaScript), the report page a form post gets back, and the
//! error page that takes its place when the file cannot be checked.

use ats_score::render::html::esc;
use ats_score::render::{report_page, PageOptions};
use ats_score::Report;
use axum::http::HeaderMap;

/// Where the check page marks the role options the server fills in.
const ROLE_OPTIONS_MARK: &str = "<!-- server: role options -->";
/// Where the check page marks the upload limit in bytes.
const MAX_BYTES_MARK: &str = "{{max-bytes}}";
/// Where the check page marks the upload limit as the page writes it ("10 MB").
const MAX_SIZE_MARK: &str = "{{max-size}}";

/// The stylesheets a report page links (the page's own, then the report's): the server's CSP
/// allows no inline `<style>`.
const STYLESHEETS: &[&str] = &["/style.css", "/report.css"];

/// The check page with every role as an `<option>` and the upload limit written in.
pub(crate) fn index_html(template: &str, roles: &[(&str, &str)], max_bytes: usize) -> String {
    let mut options = String::new();
    for (id, name) in roles {
        options.push_str(&format!(
            "<option value=\"{}\">{}</option>\n            ",
            esc(id),
            esc(name)
        ));
    }
    template
        .replace(ROLE_OPTIONS_MARK, options.trim_end())
        .replace(MAX_BYTES_MARK, &max_bytes.to_string())
        .replace(MAX_SIZE_MARK, &megabytes(max_bytes as u64))
}

/// A size as the page writes it, in decimal units: "10 MB", "9.7 MB", "14 KB", "512 bytes";
/// the page's script formats sizes the same way, so a limit and a file's size read alike.
pub(crate) fn megabytes(bytes: u64) -> String {
    if bytes < 1_000 {
        return format!("{bytes} byte{}", if bytes == 1 { "" } else { "s" });
    }
    if bytes < 100_000 {
        return format!("{} KB", (bytes as f64 / 1_000.0).round());
    }
    let tenths = (bytes as f64 / 100_000.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0} MB")
    } else {
        format!("{tenths:.1} MB")
    }
}

/// The whole report page a form post gets.
pub(crate) fn report(report: &Report) -> String {
    report_page(
        report,
        &PageOptions {
            stylesheets: STYLESHEETS,
            back: Some(("/", "← Check another résumé")),
        },
    )
}

/// The page that says why a posted file could not be checked, in the API error's own words.
pub(crate) fn error(message: &str) -> String {
    let mut message = message.trim().to_string();
    if let Some(first) = message.chars().next() {
        message.replace_range(..first.len_utf8(), &first.to_uppercase().to_string());
    }
    if !message.ends_with('.') {
        message.push('.');
    }
    let links: String = STYLESHEETS
        .iter()
        .map(|href| format!("<link rel=\"stylesheet\" href=\"{href}\">\n"))
        .collect();
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n<title>ats-check: the file could not be checked</title>\n\
         {links}</head>\n<body class=\"atsr-body\">\n<main class=\"atsr-page\">\n\
         <div class=\"error-box\" role=\"alert\" data-testid=\"error\">\n\
         <h1 class=\"error-title\">We could not check this file</h1>\n<p id=\"error-message\">{}</p>\n</div>\n\
         <p class=\"atsr-back\"><a href=\"/\">← Try another file</a></p>\n</main>\n</body>\n</html>\n",
        esc(&message)
    )
}

/// Whether a request asks for an HTML page rather than JSON: its `Accept` names `text/html`
/// before any `application/json` (a browser's form post does; `fetch` and curl send `*/*`).
pub(crate) fn wants_html(headers: &HeaderMap) -> bool {
    let accept = headers
        .get(axum::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    match (accept.find("text/html"), accept.find("application/json")) {
        (Some(html), Some(json)) => html < json,
        (Some(_), None) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_decimal_megabytes() {
        assert_eq!(megabytes(10_000_000), "10 MB");
        assert_eq!(megabytes(9_700_000), "9.7 MB");
        assert_eq!(megabytes(14_200_000), "14.2 MB");
        assert_eq!(megabytes(150_000), "0.2 MB");
        assert_eq!(megabytes(5_000), "5 KB");
        assert_eq!(megabytes(1), "1 byte");
    }

    #[test]
    fn role_options_are_escaped() {
        let html = index_html(
            "<select>\n<!-- server: role options -->\n</select> up to {{max-size}} ({{max-bytes}})",
            &[("a\"b", "<x>")],
            10_000_000,
        );
        assert!(html.contains("<option value=\"a&quot;b\">&lt;x&gt;</option>"), "{html}");
        assert!(html.ends_with("up to 10 MB (10000000)"));
    }

    #[test]
    fn html_is_asked_for_by_forms_not_by_scripts() {
        let with = |accept: &str| {
            let mut h = HeaderMap::new();
            h.insert(axum::http::header::ACCEPT, accept.parse().unwrap());
            wants_html(&h)
        };
        assert!(with("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
        assert!(!with("*/*"));
        assert!(!with("application/json"));
        assert!(!with("application/json, text/html"));
        assert!(!wants_html(&HeaderMap::new()));
    }

    #[test]
    fn the_error_page_escapes_the_message() {
        let page = error("the file <b>x</b> is damaged");
        assert!(page.contains("The file &lt;b&gt;x&lt;/b&gt; is damaged."));
    }
}
