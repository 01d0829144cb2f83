//! Resource limits shared by the runners and hosts: the size syntax of
//! `--memory-limit` (`qjs` and `zlua` read it alike) and message-sized
//! buffers that fail with ENOMEM instead of aborting the process (Rust's
//! `vec!`/`to_vec` abort when the allocator refuses). What a script sees at
//! each limit is listed in docs/design.md, "Resource limits".

use crate::error::{Error, Result};

/// A byte count with an optional binary suffix: `65536`, `64k`, `64m`, `1g`
/// (case-insensitive). `None` for anything else or on overflow.
pub fn parse_size(s: &str) -> Option<usize> {
    let s = s.trim();
    let (digits, mult) = match s.char_indices().last()? {
        (i, 'k' | 'K') => (&s[..i], 1usize << 10),
        (i, 'm' | 'M') => (&s[..i], 1 << 20),
        (i, 'g' | 'G') => (&s[..i], 1 << 30),
        _ => (s, 1),
    };
    digits.parse::<usize>().ok()?.checked_mul(mult)
}

/// `len` zero bytes, or `Error::Zmq(ENOMEM)` when the allocator refuses.
pub fn try_zeroed(len: usize) -> Result<Vec<u8>> {
    let mut v = Vec::new();
    v.try_reserve_exact(len).map_err(|_| Error::Zmq(libc::ENOMEM))?;
    v.resize(len, 0);
    Ok(v)
}

/// A copy of `bytes`, or `Error::Zmq(ENOMEM)` when the allocator refuses.
pub fn try_copy(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut v = Vec::new();
    v.try_reserve_exact(bytes.len()).map_err(|_| Error::Zmq(libc::ENOMEM))?;
    v.extend_from_slice(bytes);
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::{parse_size, try_copy, try_zeroed};
    use crate::error::Error;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("65536"), Some(65536));
        assert_eq!(parse_size("64k"), Some(64 << 10));
        assert_eq!(parse_size("64M"), Some(64 << 20));
        assert_eq!(parse_size("1g"), Some(1 << 30));
        assert_eq!(parse_size(""), None);
        assert_eq!(parse_size("m"), None);
        assert_eq!(parse_size("-1m"), None);
        assert_eq!(parse_size("12x"), None);
        assert_eq!(parse_size("99999999999999999999g"), None);
    }

    #[test]
    fn buffers_fail_instead_of_aborting() {
        assert_eq!(try_copy(b"abc").unwrap(), b"abc");
        assert_eq!(try_zeroed(3).unwrap(), [0, 0, 0]);
        assert!(matches!(try_zeroed(usize::MAX / 2), Err(Error::Zmq(libc::ENOMEM))));
    }
}
