//! The generated part of `modules/quickjs/zmq.d.ts`: every constant with its
//! value, and the option-name unions that type `getsockopt`/`setsockopt`, all
//! derived from the core's tables (`zmq_script::constants`, `zmq_script::options`).

use std::fmt::Write;
use zmq_script::constants;
use zmq_script::error::ERRNO_NAMES;
use zmq_script::options::{Access, OptionType, CONTEXT_OPTIONS, SOCKET_OPTIONS};

/// First line of the generated part.
pub const BEGIN: &str =
    "  // ---- generated from crates/zmq-script/src/options.rs and constants.rs (UPDATE_DOCS=1 cargo test -p doc-tests --test typescript) ----";
/// Last line of the generated part.
pub const END: &str = "  // ---- end of generated part ----";

fn union<I: IntoIterator<Item = String>>(items: I) -> String {
    let v: Vec<String> = items.into_iter().collect();
    if v.is_empty() {
        return "never".to_string();
    }
    let mut out = String::new();
    let mut width = 4;
    for (i, item) in v.iter().enumerate() {
        let piece = if i == 0 { item.clone() } else { format!(" | {item}") };
        if width + piece.len() > 100 && i > 0 {
            out.push_str("\n    | ");
            out.push_str(item);
            width = 6 + item.len();
        } else {
            out.push_str(&piece);
            width += piece.len();
        }
    }
    out
}

fn quoted(names: &[&str]) -> String {
    union(names.iter().map(|n| format!("\"{n}\"")))
}

fn ids(ids: &[i32]) -> String {
    let mut v: Vec<i32> = ids.to_vec();
    v.sort_unstable();
    v.dedup();
    union(v.iter().map(|i| i.to_string()))
}

/// An option type alias: the names (in every spelling the module accepts) and the ids.
fn option_alias(out: &mut String, doc: &str, name: &str, rows: &[(&str, i32)]) {
    let _ = writeln!(out, "  /** {doc} */");
    if rows.is_empty() {
        let _ = writeln!(out, "  export type {name} = never;");
        return;
    }
    let names: Vec<&str> = rows.iter().map(|(n, _)| *n).collect();
    let id_list: Vec<i32> = rows.iter().map(|(_, id)| *id).collect();
    let _ = writeln!(
        out,
        "  export type {name} =\n    | Spelled<{}>\n    | {};",
        quoted(&names),
        ids(&id_list)
    );
}

/// Whether an option with `access` belongs in the `"Readable"` or `"Writable"` alias.
fn allows(which: &str, access: Access) -> bool {
    if which == "Readable" {
        access.readable()
    } else {
        access.writable()
    }
}

/// The generated part, markers included.
pub fn generated() -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{BEGIN}");
    let _ = writeln!(
        out,
        "  // Constants: libzmq's names without ZMQ_ (socket types, flags, poll and monitor events,\n  // mechanisms, context and socket options, errno values)."
    );
    for (name, value) in constants::all() {
        let _ = writeln!(out, "  export const {name}: {value};");
    }
    let _ = writeln!(out);

    let _ = writeln!(out, "  /** A socket type constant (`zmq.PUB`...). */");
    let _ = writeln!(out, "  export type SocketType = {};", ids(&(0..12).collect::<Vec<_>>()));
    let mut type_names: Vec<&str> = constants::socket_type::NAMES.to_vec();
    type_names.extend(["XREQ", "XREP"]);
    let _ = writeln!(out, "  /** A socket type by name, as `Context.socket()` accepts it. */");
    let _ = writeln!(
        out,
        "  export type SocketTypeName = SocketTypeBase | Lowercase<SocketTypeBase> | `ZMQ_${{SocketTypeBase}}`;\n  type SocketTypeBase = {};",
        quoted(&type_names)
    );
    let errnos: Vec<&str> = ERRNO_NAMES.iter().map(|(n, _)| *n).collect();
    let _ = writeln!(out, "  /** The `code` of a `ZmqError`. */");
    let _ = writeln!(out, "  export type ErrnoName = {} | \"EUNKNOWN\";", quoted(&errnos));

    type Pick = fn(OptionType) -> bool;
    let groups: [(&str, &str, Pick); 4] = [
        ("Int", "a number (int and bool options)", |k| {
            matches!(k, OptionType::Int | OptionType::Bool)
        }),
        ("BigInt", "a BigInt (int64 and uint64 options)", |k| {
            matches!(k, OptionType::Int64 | OptionType::Uint64)
        }),
        ("String", "a string (string options and CURVE keys)", |k| {
            matches!(k, OptionType::String | OptionType::CurveKey)
        }),
        ("Binary", "a Uint8Array (binary options)", |k| k == OptionType::Binary),
    ];
    for (suffix, what, pick) in groups {
        for (access, verb) in [
            ("Readable", "getsockopt() returns as"),
            ("Writable", "setsockopt() takes as"),
        ] {
            let rows: Vec<(&str, i32)> = SOCKET_OPTIONS
                .iter()
                .filter(|o| pick(o.kind) && allows(access, o.access))
                .map(|o| (o.name, o.id))
                .collect();
            option_alias(
                &mut out,
                &format!("Socket options {verb} {what}: a name or the constant."),
                &format!("{access}{suffix}Option"),
                &rows,
            );
        }
    }
    for (access, verb) in [("Readable", "Context.get()"), ("Writable", "Context.set()")] {
        let rows: Vec<(&str, i32)> = CONTEXT_OPTIONS
            .iter()
            .filter(|o| allows(access, o.access))
            .map(|o| (o.name, o.id))
            .collect();
        option_alias(
            &mut out,
            &format!("Context options {verb} accepts: a name or the constant."),
            &format!("{access}ContextOption"),
            &rows,
        );
    }
    let _ = writeln!(out, "{END}");
    out
}

/// `text` with its generated part replaced by `generated()`; `None` if the markers are missing.
pub fn splice(text: &str) -> Option<String> {
    let start = text.find(BEGIN)?;
    let end_at = text[start..].find(END)? + start;
    let end = end_at + END.len() + text[end_at + END.len()..].find('\n').map_or(0, |n| n + 1);
    let mut out = String::new();
    out.push_str(&text[..start]);
    out.push_str(&generated());
    out.push_str(&text[end..]);
    Some(out)
}
