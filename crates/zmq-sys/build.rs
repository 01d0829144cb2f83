//! Builds the vendored libzmq 4.3.5 with CURVE enabled, linked against the
//! libsodium that `libsodium-sys-stable` builds from its bundled source.
use std::env;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let sodium_lib = PathBuf::from(env::var("DEP_SODIUM_LIB").expect("libsodium-sys-stable exports DEP_SODIUM_LIB"));
    let sodium_include =
        PathBuf::from(env::var("DEP_SODIUM_INCLUDE").expect("libsodium-sys-stable exports DEP_SODIUM_INCLUDE"));
    // libzmq's own sources warn a lot under -Wextra; those warnings are not ours to fix.
    let flags = env::var("CXXFLAGS").unwrap_or_default();
    env::set_var("CXXFLAGS", format!("{flags} -w"));
    zeromq_src::Build::new()
        .with_libsodium(Some(zeromq_src::LibLocation::new(sodium_lib, sodium_include)))
        .build();
}
