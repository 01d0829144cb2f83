//! Extract every ```rust block of docs/embedding.md into `$OUT_DIR/embedding_<line>.rs`
//! and write `$OUT_DIR/embedding_tests.rs`, which `tests/embedding.rs` includes: one
//! module and one test per block. Each block is a complete program whose
//! `fn main() -> Result<(), Box<dyn std::error::Error>>` must return `Ok`.
use std::fmt::Write;
use std::path::PathBuf;

fn main() {
    let doc = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../docs/embedding.md");
    println!("cargo:rerun-if-changed={}", doc.display());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let text = std::fs::read_to_string(&doc).unwrap_or_default();
    let mut tests = String::new();
    let mut block: Option<(usize, String)> = None;
    for (n, line) in text.lines().enumerate() {
        match &mut block {
            None if line.trim_start() == "```rust" => block = Some((n + 1, String::new())),
            None => {}
            Some((start, code)) if line.trim_start() == "```" => {
                assert!(
                    code.contains("fn main() -> Result<(), Box<dyn std::error::Error>>"),
                    "docs/embedding.md:{start}: a rust block must be a complete program with \
                     `fn main() -> Result<(), Box<dyn std::error::Error>>`"
                );
                let file = out.join(format!("embedding_{start}.rs"));
                std::fs::write(&file, &code).unwrap();
                let _ = writeln!(
                    tests,
                    "mod line_{start} {{\n    include!({file:?});\n    pub(super) fn run() -> Result<(), Box<dyn std::error::Error>> {{ main() }}\n}}\n\
                     #[test]\nfn embedding_md_line_{start}() {{\n    \
                     if let Err(e) = line_{start}::run() {{ panic!(\"docs/embedding.md:{start}: {{e}}\") }}\n}}\n"
                );
                block = None;
            }
            Some((_, code)) => {
                code.push_str(line);
                code.push('\n');
            }
        }
    }
    std::fs::write(out.join("embedding_tests.rs"), tests).unwrap();
}
