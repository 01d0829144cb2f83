//! `TextEncoder` and `TextDecoder` globals (UTF-8 only, as the WHATWG
//! Encoding standard's common subset): `new TextEncoder().encode(string)` →
//! Uint8Array; `new TextDecoder(label = "utf-8", { fatal, ignoreBOM })
//! .decode(bufferOrView)` → string (invalid bytes become U+FFFD, or a
//! TypeError when `fatal`). Other labels throw a RangeError.

use rquickjs::{qjs, Ctx, Exception, Function, TypedArray, Value};

const SOURCE: &str = r#"(encode, decode) => {
  const LABELS = ["utf-8", "utf8", "unicode-1-1-utf-8"];
  class TextEncoder {
    get encoding() { return "utf-8"; }
    encode(input = "") {
      const s = String(input);
      return encode(typeof s.toWellFormed === "function" ? s.toWellFormed() : s);
    }
  }
  class TextDecoder {
    #fatal; #ignoreBOM;
    constructor(label = "utf-8", options = {}) {
      const l = String(label).trim().toLowerCase();
      if (!LABELS.includes(l)) throw new RangeError(`TextDecoder: the encoding '${label}' is not supported (only utf-8)`);
      this.#fatal = !!(options && options.fatal);
      this.#ignoreBOM = !!(options && options.ignoreBOM);
    }
    get encoding() { return "utf-8"; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return this.#ignoreBOM; }
    decode(input, options) {
      if (input === undefined) return "";
      let bytes;
      if (input instanceof ArrayBuffer) bytes = new Uint8Array(input);
      else if (ArrayBuffer.isView(input)) bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
      else throw new TypeError("TextDecoder.decode: input must be an ArrayBuffer or a view of one");
      return decode(bytes, this.#fatal, this.#ignoreBOM);
    }
  }
  if (typeof globalThis.TextEncoder !== "function") globalThis.TextEncoder = TextEncoder;
  if (typeof globalThis.TextDecoder !== "function") globalThis.TextDecoder = TextDecoder;
}"#;

fn encode<'js>(ctx: Ctx<'js>, s: rquickjs::String<'js>) -> rquickjs::Result<TypedArray<'js, u8>> {
    TypedArray::new(ctx, s.to_string()?.into_bytes())
}

fn decode<'js>(ctx: Ctx<'js>, bytes: Value<'js>, fatal: bool, ignore_bom: bool) -> rquickjs::Result<String> {
    let c = ctx.as_raw().as_ptr();
    let mut len: usize = 0;
    // SAFETY: `bytes` is a live Uint8Array (made by the wrapper above); the slice is
    // read before any JS code runs again.
    let data: &[u8] = unsafe {
        let p = qjs::JS_GetUint8Array(c, &mut len as *mut usize as _, bytes.as_raw());
        if p.is_null() {
            return Err(rquickjs::Error::Exception);
        }
        std::slice::from_raw_parts(p, len)
    };
    let data = match data {
        [0xEF, 0xBB, 0xBF, rest @ ..] if !ignore_bom => rest,
        d => d,
    };
    if fatal {
        return std::str::from_utf8(data)
            .map(str::to_string)
            .map_err(|e| Exception::throw_type(&ctx, &format!("TextDecoder: invalid UTF-8 ({e})")));
    }
    Ok(String::from_utf8_lossy(data).into_owned())
}

/// Define `TextEncoder` and `TextDecoder` on the global object (unless they exist).
pub fn install(ctx: &Ctx<'_>) -> rquickjs::Result<()> {
    let setup: Function = ctx.eval(SOURCE)?;
    let enc = Function::new(ctx.clone(), encode)?;
    let dec = Function::new(ctx.clone(), decode)?;
    setup.call::<_, ()>((enc, dec))
}
