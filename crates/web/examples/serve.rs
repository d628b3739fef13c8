//! Runs the server on its own, before (or without) the CLI:
//! `cargo run -p ats-web --example serve -- [ADDR]` (default `127.0.0.1:8080`).
//! The CLI's `ats-check serve [--addr ADDR]` does the same through [`ats_web::serve`].

fn main() -> std::io::Result<()> {
    let mut config = ats_web::ServerConfig::default();
    if let Some(addr) = std::env::args().nth(1) {
        config.addr = addr
            .parse()
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("{addr}: {e}")))?;
    }
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(ats_web::serve(config))
}
