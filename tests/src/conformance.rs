//! The conformance suite: behaviour cases written once, as data
//! (`tests/conformance/cases.txt`, whose header documents the format), and
//! run by every engine through a small *shim* that renders the table as a
//! script of that engine's language.
//!
//! Each rendered script runs every case, prints `pass NAME` or `FAIL NAME:
//! why` per case and `cases N failures M` at the end; the test
//! (`tests/tests/conformance.rs`) asserts on those lines. Adding an engine
//! means one [`Shim`] (a prelude of helpers plus how a call, a literal and a
//! target are written) and one [`crate::Engine`] variant that names it.

use std::path::PathBuf;

/// One row of the table.
#[derive(Clone, Debug)]
pub struct Case {
    pub name: String,
    pub target: Target,
    /// Method name per language: `(js, lua)` (the same unless `js:A lua:B` was written).
    pub call: (String, String),
    pub args: Vec<Lit>,
    pub expect: Expect,
}

/// What a case calls its method on.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Sock(String),
    Fed(String, Vec<Lit>),
    Closed(String),
    Termed(String),
    Ctx,
    Poller,
    Zmq,
}

/// A literal argument or expected value.
#[derive(Clone, Debug, PartialEq)]
pub enum Lit {
    Str(Vec<u8>),
    Int(i64),
    Float(f64),
    Bool(bool),
    Null,
    List(Vec<Lit>),
    /// `{key: lit, ...}`: an object (JS) / a table with string keys (Lua).
    Map(Vec<(String, Lit)>),
    /// `@NAME`: the module's constant `NAME`.
    Const(String),
    /// `2^N`: a power of two (a float in both languages).
    Pow2(u32),
}

/// The outcome a case expects (see the table's header).
#[derive(Clone, Debug, PartialEq)]
pub enum Expect {
    Ok,
    Equals(Lit),
    Prefix(String),
    /// A truth value, as the language writes it (the JS spec's `has()` gives 1 or 0).
    Truth(bool),
    Again,
    Error(String),
    Type(String),
    Range(String),
    ArgError,
}

/// `tests/conformance/cases.txt`.
pub fn cases_path() -> PathBuf {
    crate::crate_dir().join("conformance").join("cases.txt")
}

/// Every case of the table; panics with the line number on a malformed row.
pub fn load() -> Vec<Case> {
    let text = std::fs::read_to_string(cases_path()).expect("read tests/conformance/cases.txt");
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(i, l)| parse_case(l).unwrap_or_else(|e| panic!("cases.txt:{}: {e}: {l}", i + 1)))
        .collect()
}

fn parse_case(line: &str) -> Result<Case, String> {
    let cols: Vec<&str> = line.split(" | ").map(str::trim).collect();
    let [name, target, call, args, expect] = cols[..] else {
        return Err(format!("expected 5 columns, found {}", cols.len()));
    };
    let call = match call.split_once(' ') {
        Some((js, lua)) => (
            js.strip_prefix("js:").ok_or("call: js:NAME lua:NAME")?.to_string(),
            lua.strip_prefix("lua:").ok_or("call: js:NAME lua:NAME")?.to_string(),
        ),
        None => (call.to_string(), call.to_string()),
    };
    Ok(Case {
        name: name.to_string(),
        target: parse_target(target)?,
        call,
        args: parse_list(args)?,
        expect: parse_expect(expect)?,
    })
}

fn parse_target(t: &str) -> Result<Target, String> {
    let (word, rest) = t.split_once(' ').unwrap_or((t, ""));
    Ok(match word {
        "sock" => Target::Sock(rest.to_string()),
        "closed" => Target::Closed(rest.to_string()),
        "termed" => Target::Termed(rest.to_string()),
        "fed" => {
            let (kind, parts) = rest.split_once(" <- ").ok_or("fed TYPE <- PARTS")?;
            Target::Fed(kind.to_string(), parse_list(&parts.replace("\",\"", "\", \""))?)
        }
        "ctx" => Target::Ctx,
        "poller" => Target::Poller,
        "zmq" => Target::Zmq,
        other => return Err(format!("unknown target {other}")),
    })
}

fn parse_expect(e: &str) -> Result<Expect, String> {
    let (word, rest) = e.split_once(' ').unwrap_or((e, ""));
    Ok(match word {
        "ok" => Expect::Ok,
        "=" => Expect::Equals(parse_lit(rest)?),
        "~" => match parse_lit(rest)? {
            Lit::Str(s) => Expect::Prefix(String::from_utf8(s).map_err(|e| e.to_string())?),
            _ => return Err("~ takes a string".into()),
        },
        "is" => Expect::Truth(rest == "true"),
        "again" => Expect::Again,
        "error" => Expect::Error(rest.to_string()),
        "type" => Expect::Type(rest.to_string()),
        "range" => Expect::Range(rest.to_string()),
        "argerror" => Expect::ArgError,
        other => return Err(format!("unknown expectation {other}")),
    })
}

/// `a, b, [c, d]` → literals (empty text → none).
fn parse_list(s: &str) -> Result<Vec<Lit>, String> {
    split_top_level(s).into_iter().map(parse_lit).collect()
}

/// The comma-separated items of `s`, commas inside strings, lists and maps excluded.
fn split_top_level(s: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut depth = 0;
    let mut in_str = false;
    let mut escaped = false;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_str => escaped = true,
            '"' => in_str = !in_str,
            '[' | '{' if !in_str => depth += 1,
            ']' | '}' if !in_str => depth -= 1,
            ',' if !in_str && depth == 0 => {
                items.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    let last = s[start..].trim();
    if !last.is_empty() {
        items.push(last);
    }
    items
}

fn parse_lit(s: &str) -> Result<Lit, String> {
    let s = s.trim();
    if let Some(body) = s.strip_prefix('"').and_then(|b| b.strip_suffix('"')) {
        let mut out = Vec::new();
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.extend(c.to_string().bytes());
                continue;
            }
            match chars.next() {
                Some('0') => out.push(0),
                Some('n') => out.push(b'\n'),
                Some(c @ ('"' | '\\')) => out.push(c as u8),
                other => return Err(format!("unknown escape \\{other:?}")),
            }
        }
        return Ok(Lit::Str(out));
    }
    if let Some(inner) = s.strip_prefix('[').and_then(|b| b.strip_suffix(']')) {
        return Ok(Lit::List(parse_list(inner)?));
    }
    if let Some(inner) = s.strip_prefix('{').and_then(|b| b.strip_suffix('}')) {
        let mut fields = Vec::new();
        for item in split_top_level(inner) {
            let (key, value) = item.split_once(':').ok_or_else(|| format!("{item}: expected key: value"))?;
            fields.push((key.trim().to_string(), parse_lit(value)?));
        }
        return Ok(Lit::Map(fields));
    }
    if let Some(name) = s.strip_prefix('@') {
        return Ok(Lit::Const(name.to_string()));
    }
    if let Some(n) = s.strip_prefix("2^") {
        return n.parse().map(Lit::Pow2).map_err(|e| e.to_string());
    }
    Ok(match s {
        "true" => Lit::Bool(true),
        "false" => Lit::Bool(false),
        "null" => Lit::Null,
        _ if s.contains('.') => Lit::Float(s.parse().map_err(|e| format!("{s}: {e}"))?),
        _ => Lit::Int(s.parse().map_err(|e| format!("{s}: {e}"))?),
    })
}

/// How one engine's language writes the table.
pub trait Shim {
    /// The script's file extension.
    fn extension(&self) -> &'static str;
    /// Helpers every case uses: targets, result normalisation, `check`, the summary.
    fn prelude(&self) -> &'static str;
    /// A literal.
    fn literal(&self, lit: &Lit) -> String;
    /// An expression making the case's target.
    fn target(&self, target: &Target) -> String;
    /// A function of the target `t` that makes the case's call.
    fn call(&self, case: &Case, args: &str) -> String;
    /// The statement that runs one case through the prelude's `check`.
    fn check(&self, name: &str, target: &str, call: &str, kind: &str, code: &str, want: &str) -> String;
    /// The statement that ends the script (prints the summary, exits non-zero on failures).
    fn finish(&self) -> &'static str;

    /// The whole script for `cases`.
    fn script(&self, cases: &[Case]) -> String {
        let mut out = String::from(self.prelude());
        for case in cases {
            let args: Vec<String> = case.args.iter().map(|a| self.literal(a)).collect();
            let (kind, code, want) = match &case.expect {
                Expect::Ok => ("ok", String::new(), self.literal(&Lit::Null)),
                Expect::Equals(v) => ("eq", String::new(), self.literal(v)),
                Expect::Prefix(p) => ("prefix", String::new(), self.literal(&Lit::Str(p.clone().into_bytes()))),
                Expect::Truth(b) => ("truth", String::new(), self.literal(&Lit::Bool(*b))),
                Expect::Again => ("again", String::new(), self.literal(&Lit::Null)),
                Expect::Error(c) => ("error", c.clone(), self.literal(&Lit::Null)),
                Expect::Type(c) => ("type", c.clone(), self.literal(&Lit::Null)),
                Expect::Range(c) => ("range", c.clone(), self.literal(&Lit::Null)),
                Expect::ArgError => ("argerror", String::new(), self.literal(&Lit::Null)),
            };
            let name = self.literal(&Lit::Str(case.name.clone().into_bytes()));
            let code = self.literal(&Lit::Str(code.into_bytes()));
            let target = self.target(&case.target);
            let call = self.call(case, &args.join(", "));
            out.push_str(&self.check(&name, &target, &call, kind, &code, &want));
            out.push('\n');
        }
        out.push_str(self.finish());
        out
    }
}

/// Bytes as a string literal body with `escape` for anything not printable ASCII.
fn quoted(bytes: &[u8], escape: impl Fn(u8) -> String) -> String {
    let mut s = String::from("\"");
    for &b in bytes {
        match b {
            b'"' => s.push_str("\\\""),
            b'\\' => s.push_str("\\\\"),
            0x20..=0x7e => s.push(b as char),
            _ => s.push_str(&escape(b)),
        }
    }
    s.push('"');
    s
}

/// The JavaScript shim (`qjs`).
pub struct JsShim;

impl Shim for JsShim {
    fn extension(&self) -> &'static str {
        "js"
    }

    fn prelude(&self) -> &'static str {
        include_str!("conformance/prelude.js")
    }

    fn literal(&self, lit: &Lit) -> String {
        match lit {
            Lit::Str(b) => quoted(b, |b| format!("\\x{b:02x}")),
            Lit::Int(i) => i.to_string(),
            Lit::Float(f) => format!("{f:?}"),
            Lit::Bool(b) => b.to_string(),
            Lit::Null => "null".into(),
            Lit::List(items) => format!("[{}]", items.iter().map(|i| self.literal(i)).collect::<Vec<_>>().join(", ")),
            Lit::Map(fields) => {
                let fields: Vec<_> = fields.iter().map(|(k, v)| format!("{k}: {}", self.literal(v))).collect();
                format!("{{{}}}", fields.join(", "))
            }
            Lit::Const(name) => format!("zmq.{name}"),
            Lit::Pow2(n) => format!("2 ** {n}"),
        }
    }

    fn target(&self, target: &Target) -> String {
        match target {
            Target::Sock(t) => format!("() => T.sock({t:?})"),
            Target::Fed(t, parts) => format!("() => T.fed({t:?}, {})", self.literal(&Lit::List(parts.clone()))),
            Target::Closed(t) => format!("() => T.closed({t:?})"),
            Target::Termed(t) => format!("() => T.termed({t:?})"),
            Target::Ctx => "() => new zmq.Context()".into(),
            Target::Poller => "() => new zmq.Poller()".into(),
            Target::Zmq => "() => zmq".into(),
        }
    }

    fn call(&self, case: &Case, args: &str) -> String {
        format!("(t) => t.{}({args})", case.call.0)
    }

    fn check(&self, name: &str, target: &str, call: &str, kind: &str, code: &str, want: &str) -> String {
        format!("check({name}, {target}, {call}, {kind:?}, {code}, {want});")
    }

    fn finish(&self) -> &'static str {
        "finish();\n"
    }
}

/// The Lua shim (`zlua`, stock interpreters with `zmq.so`).
pub struct LuaShim;

impl Shim for LuaShim {
    fn extension(&self) -> &'static str {
        "lua"
    }

    fn prelude(&self) -> &'static str {
        include_str!("conformance/prelude.lua")
    }

    fn literal(&self, lit: &Lit) -> String {
        match lit {
            Lit::Str(b) => quoted(b, |b| format!("\\{b:03}")),
            Lit::Int(i) => i.to_string(),
            Lit::Float(f) => format!("{f:?}"),
            Lit::Bool(b) => b.to_string(),
            Lit::Null => "nil".into(),
            Lit::List(items) => format!("{{{}}}", items.iter().map(|i| self.literal(i)).collect::<Vec<_>>().join(", ")),
            Lit::Map(fields) => {
                let fields: Vec<_> = fields.iter().map(|(k, v)| format!("{k} = {}", self.literal(v))).collect();
                format!("{{{}}}", fields.join(", "))
            }
            Lit::Const(name) => format!("zmq.{name}"),
            Lit::Pow2(n) => format!("2^{n}"),
        }
    }

    fn target(&self, target: &Target) -> String {
        match target {
            Target::Sock(t) => format!("function() return T.sock({t:?}) end"),
            Target::Fed(t, parts) => {
                format!("function() return T.fed({t:?}, {}) end", self.literal(&Lit::List(parts.clone())))
            }
            Target::Closed(t) => format!("function() return T.closed({t:?}) end"),
            Target::Termed(t) => format!("function() return T.termed({t:?}) end"),
            Target::Ctx => "function() return zmq.context() end".into(),
            Target::Poller => "function() return zmq.poller() end".into(),
            Target::Zmq => "function() return zmq end".into(),
        }
    }

    fn call(&self, case: &Case, args: &str) -> String {
        let sep = if case.target == Target::Zmq { "." } else { ":" };
        format!("function(t) return t{sep}{}({args}) end", case.call.1)
    }

    fn check(&self, name: &str, target: &str, call: &str, kind: &str, code: &str, want: &str) -> String {
        format!("check({name}, {target}, {call}, {kind:?}, {code}, {want})")
    }

    fn finish(&self) -> &'static str {
        "finish()\n"
    }
}
