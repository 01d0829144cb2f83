//! docs/options.md is generated from the option table and must stay in sync.
use std::path::PathBuf;

#[test]
fn options_reference_is_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/options.md");
    let expected = zmq_script::options::markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/options.md is out of date: run UPDATE_DOCS=1 cargo test -p zmq-script --test docs"
    );
}
