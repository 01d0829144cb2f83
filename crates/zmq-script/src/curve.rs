//! CURVE keys and Z85 text encoding.

use crate::error::{check, Error, Result};
use std::ffi::CString;
use std::os::raw::c_char;

fn z85_text(buf: &[u8]) -> String {
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    String::from_utf8_lossy(&buf[..end]).into_owned()
}

/// A new CURVE key pair as 40-character Z85 texts: `(public, secret)`.
/// `ENOTSUP` if libzmq was built without CURVE.
pub fn curve_keypair() -> Result<(String, String)> {
    let mut public = [0u8; 41];
    let mut secret = [0u8; 41];
    // SAFETY: both buffers are 41 writable bytes, the size zmq_curve_keypair writes (40 Z85
    // characters and a NUL).
    check(unsafe {
        zmq_sys::zmq_curve_keypair(
            public.as_mut_ptr() as *mut c_char,
            secret.as_mut_ptr() as *mut c_char,
        )
    })?;
    Ok((z85_text(&public), z85_text(&secret)))
}

/// The public key (Z85) that belongs to a Z85 secret key.
pub fn curve_public(secret: &str) -> Result<String> {
    if secret.len() != 40 {
        return Err(Error::invalid("a Z85 CURVE secret key has 40 characters"));
    }
    let c = CString::new(secret).map_err(|_| Error::invalid("key contains a NUL byte"))?;
    let mut public = [0u8; 41];
    // SAFETY: `public` is 41 writable bytes (40 Z85 characters and a NUL); `c` is a
    // NUL-terminated copy of the 40-character key checked above.
    check(unsafe { zmq_sys::zmq_curve_public(public.as_mut_ptr() as *mut c_char, c.as_ptr()) })?;
    Ok(z85_text(&public))
}

/// Encode bytes as Z85 text; the length must be a multiple of 4.
pub fn z85_encode(data: &[u8]) -> Result<String> {
    if !data.len().is_multiple_of(4) {
        return Err(Error::invalid(
            "Z85 encodes data whose length is a multiple of 4",
        ));
    }
    let mut out = crate::limits::try_zeroed(data.len() / 4 * 5 + 1)?;
    // SAFETY: `out` has room for len/4*5 characters and the NUL zmq_z85_encode writes; `data`
    // is `data.len()` readable bytes, a multiple of 4 (checked above).
    let p = unsafe {
        zmq_sys::zmq_z85_encode(out.as_mut_ptr() as *mut c_char, data.as_ptr(), data.len())
    };
    if p.is_null() {
        return Err(Error::invalid("Z85 encoding failed"));
    }
    Ok(z85_text(&out))
}

/// Decode Z85 text; the length must be a multiple of 5 and every character valid.
pub fn z85_decode(text: &str) -> Result<Vec<u8>> {
    const ALPHABET: &[u8] =
        b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
    if !text.len().is_multiple_of(5) || !text.bytes().all(|b| ALPHABET.contains(&b)) {
        return Err(Error::invalid(
            "not valid Z85 text (length a multiple of 5, Z85 characters only)",
        ));
    }
    let c = CString::new(text).map_err(|_| Error::invalid("Z85 text contains a NUL byte"))?;
    let mut out = crate::limits::try_zeroed(text.len() / 5 * 4)?;
    // SAFETY: `c` is NUL-terminated text whose length is a multiple of 5 (checked above), and
    // `out` has room for the len/5*4 bytes zmq_z85_decode writes for it.
    let p = unsafe { zmq_sys::zmq_z85_decode(out.as_mut_ptr(), c.as_ptr()) };
    if p.is_null() {
        return Err(Error::invalid("not valid Z85 text"));
    }
    Ok(out)
}
