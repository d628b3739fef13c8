//! Prints what the parser extracts from each file given: `cargo run --release -p ats-parse
//! --example extract -- FILE... [--json] [--time N]`. With `--time N`, extracts each file N
//! times and prints the median milliseconds per file instead.
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let times: usize = args
        .iter()
        .position(|a| a == "--time")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let files: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--time"))
        .map(|(_, a)| a)
        .collect();
    let limits = ats_parse::Limits::default();
    for path in files {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        if times > 0 {
            let mut ms: Vec<f64> = (0..times)
                .map(|_| {
                    let t = Instant::now();
                    let _ = ats_parse::extract(&bytes, &limits);
                    t.elapsed().as_secs_f64() * 1000.0
                })
                .collect();
            ms.sort_by(f64::total_cmp);
            println!("{:.3} ms  {path}", ms[ms.len() / 2]);
            continue;
        }
        match ats_parse::extract(&bytes, &limits) {
            Ok(doc) if json => println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default()),
            Ok(doc) => println!("{}", doc.text),
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
}
