//! Renders `samples/*.md` (a small Markdown résumé) into a one-page PDF with lopdf's writer,
//! so the repository can ship a sample PDF it made itself:
//! `cargo run -p ats-parse --example sample_pdf -- samples/jordan-lee-ml-engineer.md samples/jordan-lee-ml-engineer.pdf`
#[path = "../tests/support/pdfgen.rs"]
mod pdfgen;

use pdfgen::{build, wrap, Page, Run};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: sample_pdf INPUT.md OUTPUT.pdf");
        std::process::exit(2);
    };
    let markdown = std::fs::read_to_string(input).unwrap_or_else(|e| {
        eprintln!("{input}: {e}");
        std::process::exit(2)
    });
    let mut runs = Vec::new();
    let mut y = 750.0;
    for line in markdown.lines() {
        let line = line.trim_end();
        if let Some(name) = line.strip_prefix("# ") {
            runs.push(Run::new(54.0, y, 18.0, name).bold());
            y -= 20.0;
        } else if let Some(heading) = line.strip_prefix("## ") {
            y -= 6.0;
            runs.push(Run::new(54.0, y, 12.0, heading).bold());
            y -= 16.0;
        } else if let Some(item) = line.strip_prefix("- ") {
            for (i, part) in wrap(item, 98).iter().enumerate() {
                if i == 0 {
                    runs.push(Run::new(60.0, y, 9.5, "\u{2022}"));
                }
                runs.push(Run::new(72.0, y, 9.5, part));
                y -= 12.0;
            }
        } else if line.is_empty() {
            y -= 4.0;
        } else {
            for part in wrap(line, 108) {
                runs.push(Run::new(54.0, y, 9.5, &part));
                y -= 12.0;
            }
        }
    }
    std::fs::write(output, build(&[Page { runs, boxes: vec![] }])).unwrap_or_else(|e| {
        eprintln!("{output}: {e}");
        std::process::exit(2)
    });
}
