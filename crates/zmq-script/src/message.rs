//! Message values: what a script sends ([`Payload`]), what it receives
//! ([`Frame`]), and the typed views of received bytes shared by both engines.

use crate::error::{Error, Result};
use std::borrow::Cow;
use std::os::raw::c_void;

/// A value to send as one message part.
///
/// Numbers use host byte order, as the reference module does: an `Int32` is
/// 4 bytes, an `Int64` 8 bytes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Payload<'a> {
    /// A zero-length message.
    Empty,
    /// A 4-byte integer.
    Int32(i32),
    /// An 8-byte integer.
    Int64(i64),
    /// Raw bytes (a string's UTF-8 bytes, a buffer...).
    Bytes(&'a [u8]),
}

impl Payload<'static> {
    /// The encoding of a script number: an integral value that fits `i32` is
    /// sent as 4 bytes; any other finite number as the 8-byte `i64` of its
    /// integral part. NaN and infinities are refused (`EINVAL`).
    pub fn from_number(n: f64) -> Result<Payload<'static>> {
        if n.fract() == 0.0 && n >= i32::MIN as f64 && n <= i32::MAX as f64 {
            Ok(Payload::Int32(n as i32))
        } else if n.is_finite() && n.trunc() >= i64::MIN as f64 && n.trunc() < i64::MAX as f64 {
            Ok(Payload::Int64(n.trunc() as i64))
        } else {
            Err(Error::invalid(format!(
                "cannot send the number {n:e}: it is not finite or does not fit 64 bits"
            )))
        }
    }

    /// The encoding of a script integer (Lua integers): 4 bytes if it fits `i32`, else 8.
    pub fn from_integer(n: i64) -> Payload<'static> {
        match i32::try_from(n) {
            Ok(v) => Payload::Int32(v),
            Err(_) => Payload::Int64(n),
        }
    }
}

impl<'a> Payload<'a> {
    /// The bytes that go on the wire; `scratch` holds the integer encodings.
    pub fn bytes<'b>(&'b self, scratch: &'b mut [u8; 8]) -> &'b [u8]
    where
        'a: 'b,
    {
        match self {
            Payload::Empty => &[],
            Payload::Int32(v) => {
                scratch[..4].copy_from_slice(&v.to_ne_bytes());
                &scratch[..4]
            }
            Payload::Int64(v) => {
                *scratch = v.to_ne_bytes();
                &scratch[..]
            }
            Payload::Bytes(b) => b,
        }
    }
}

/// One received message part, owned (a `zmq_msg_t`, no copy of the data).
pub struct Frame {
    msg: zmq_sys::zmq_msg_t,
    more: bool,
}

// SAFETY: a zmq_msg_t owns its data (or an atomic reference count on shared data) and is not
// tied to the thread that made it; an external release closure is `Send` (from_external).
unsafe impl Send for Frame {}

impl Frame {
    /// A new empty message, ready for `zmq_msg_recv`.
    pub(crate) fn new() -> Frame {
        let mut msg = zmq_sys::zmq_msg_t::default();
        // SAFETY: `msg` is a local zmq_msg_t; zmq_msg_init cannot fail. Moving an initialised
        // empty message is fine (libzmq keeps no pointer to it).
        unsafe { zmq_sys::zmq_msg_init(&mut msg) };
        Frame { msg, more: false }
    }

    /// A message holding a copy of `data`.
    pub fn from_bytes(data: &[u8]) -> Result<Frame> {
        let mut msg = zmq_sys::zmq_msg_t::default();
        // SAFETY: `msg` is a local zmq_msg_t; on failure it is left uninitialised and dropped
        // as plain data (Frame is not built).
        crate::error::check(unsafe { zmq_sys::zmq_msg_init_size(&mut msg, data.len()) })?;
        if !data.is_empty() {
            // SAFETY: zmq_msg_init_size gave `msg` its own buffer of `data.len()` bytes, which
            // cannot overlap the borrowed `data`.
            unsafe {
                std::ptr::copy_nonoverlapping(
                    data.as_ptr(),
                    zmq_sys::zmq_msg_data(&mut msg) as *mut u8,
                    data.len(),
                )
            };
        }
        Ok(Frame { msg, more: false })
    }

    /// A message that *borrows* `len` bytes at `data` instead of copying them
    /// (`zmq_msg_init_data`). `release` runs exactly once, on whatever thread
    /// libzmq happens to free the message on (an I/O thread after writing it,
    /// or here if the frame is dropped unsent), so it must not touch
    /// single-threaded engine state directly; queue the release instead.
    ///
    /// # Safety
    /// The bytes must stay valid and unchanged until `release` runs.
    pub unsafe fn from_external(
        data: *const u8,
        len: usize,
        release: Box<dyn FnOnce() + Send>,
    ) -> Result<Frame> {
        /// libzmq's free function for the message.
        ///
        /// # Safety
        /// `hint` must be the `Box::into_raw` pointer made below, passed exactly once
        /// (libzmq calls the free function once per message).
        unsafe extern "C" fn trampoline(_data: *mut c_void, hint: *mut c_void) {
            let release = Box::from_raw(hint as *mut Box<dyn FnOnce() + Send>);
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(release));
        }
        let hint = Box::into_raw(Box::new(release));
        let mut msg = zmq_sys::zmq_msg_t::default();
        // SAFETY: the caller keeps `len` bytes at `data` valid until `release` runs (# Safety);
        // `hint` is the boxed release closure, owned by libzmq from here, which hands it to
        // `trampoline` once.
        let rc = zmq_sys::zmq_msg_init_data(
            &mut msg,
            data as *mut c_void,
            len,
            Some(trampoline),
            hint as *mut c_void,
        );
        if rc != 0 {
            let err = Error::last();
            // SAFETY: libzmq refused the message and did not keep `hint`, so the box is still
            // ours; release the bytes now, as the caller expects `release` to run exactly once.
            (Box::from_raw(hint))();
            return Err(err);
        }
        Ok(Frame { msg, more: false })
    }

    pub(crate) fn raw(&mut self) -> *mut zmq_sys::zmq_msg_t {
        &mut self.msg
    }

    pub(crate) fn set_more(&mut self) {
        // SAFETY: `self.msg` is initialised (every constructor initialises it, Drop closes it).
        self.more = unsafe { zmq_sys::zmq_msg_more(&self.msg) } == 1;
    }

    /// The message bytes.
    pub fn data(&self) -> &[u8] {
        // SAFETY: `self.msg` is initialised; its data pointer is valid for `size` bytes while
        // the message is neither closed nor sent, which `&self` guarantees for the slice's
        // lifetime (sending needs `&mut Frame`). zmq_msg_data does not modify the message.
        unsafe {
            let size = zmq_sys::zmq_msg_size(&self.msg);
            if size == 0 {
                return &[];
            }
            let p = zmq_sys::zmq_msg_data(&self.msg as *const _ as *mut _) as *const u8;
            std::slice::from_raw_parts(p, size)
        }
    }

    /// Size in bytes.
    pub fn len(&self) -> usize {
        // SAFETY: `self.msg` is initialised (every constructor initialises it).
        unsafe { zmq_sys::zmq_msg_size(&self.msg) }
    }

    /// True for a zero-length message.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True if more parts of the same message follow.
    pub fn more(&self) -> bool {
        self.more
    }

    /// True if libzmq may share the bytes with another message (`ZMQ_SHARED`,
    /// e.g. a PUB fanning one message out over inproc): they must then be
    /// treated as read-only and are better copied than handed to a script.
    pub fn is_shared(&self) -> bool {
        // SAFETY: `self.msg` is initialised; zmq_msg_get only reads it.
        unsafe { zmq_sys::zmq_msg_get(&self.msg, zmq_sys::ZMQ_SHARED as i32) == 1 }
    }

    /// The bytes as a 4-byte integer (`WrongSize` otherwise).
    pub fn to_i32(&self) -> Result<i32> {
        bytes_to_i32(self.data())
    }

    /// The bytes as an 8-byte integer (`WrongSize` otherwise).
    pub fn to_i64(&self) -> Result<i64> {
        bytes_to_i64(self.data())
    }

    /// The bytes as text: see [`text_bytes`] and [`text_lossy`].
    pub fn to_text_lossy(&self) -> Cow<'_, str> {
        text_lossy(self.data())
    }

    /// A copy of the bytes.
    pub fn to_vec(&self) -> Vec<u8> {
        self.data().to_vec()
    }

    /// The underlying `zmq_msg_t`, e.g. for `zmq_msg_gets`.
    pub fn as_ptr(&self) -> *const c_void {
        &self.msg as *const _ as *const c_void
    }
}

impl Drop for Frame {
    fn drop(&mut self) {
        // SAFETY: `self.msg` is initialised and closed only here, once.
        unsafe { zmq_sys::zmq_msg_close(&mut self.msg) };
    }
}

impl std::fmt::Debug for Frame {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Frame")
            .field("data", &self.data())
            .field("more", &self.more)
            .finish()
    }
}

/// A 4-byte message as `i32` (host byte order).
pub fn bytes_to_i32(b: &[u8]) -> Result<i32> {
    let a: [u8; 4] = b.try_into().map_err(|_| Error::WrongSize {
        expected: 4,
        got: b.len(),
    })?;
    Ok(i32::from_ne_bytes(a))
}

/// An 8-byte message as `i64` (host byte order).
pub fn bytes_to_i64(b: &[u8]) -> Result<i64> {
    let a: [u8; 8] = b.try_into().map_err(|_| Error::WrongSize {
        expected: 8,
        got: b.len(),
    })?;
    Ok(i64::from_ne_bytes(a))
}

/// The text part of a message: if its only NUL byte is the last byte (a C
/// peer's terminator), that byte is dropped; otherwise all bytes are kept.
pub fn text_bytes(b: &[u8]) -> &[u8] {
    match b.split_last() {
        Some((0, rest)) if !rest.contains(&0) => rest,
        _ => b,
    }
}

/// [`text_bytes`] decoded as UTF-8; invalid sequences become U+FFFD.
pub fn text_lossy(b: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(text_bytes(b))
}
