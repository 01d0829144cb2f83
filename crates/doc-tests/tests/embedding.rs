//! Every ```` ```rust ```` block of docs/embedding.md, compiled as a module (see
//! `build.rs`) and run: each test is named after the block's line.
#![allow(clippy::needless_doctest_main)]

include!(concat!(env!("OUT_DIR"), "/embedding_tests.rs"));

#[test]
fn the_guide_has_programs() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/embedding.md")).unwrap();
    assert!(
        text.matches("```rust").count() >= 8,
        "docs/embedding.md lost its Rust examples"
    );
}
