//! What an authenticator admits: [`AuthConfig`], parsed and validated from the
//! engine-neutral [`ConfigValue`] both engines convert their config object into.
//!
//! | field    | value                                         | meaning |
//! |----------|-----------------------------------------------|---------|
//! | `allow`  | IP address or list of them                    | only these addresses may connect |
//! | `deny`   | IP address or list of them                    | these addresses may not connect |
//! | `curve`  | list of Z85 client public keys, or `"*"`      | CURVE clients with these keys (any key for `"*"`) |
//! | `plain`  | map user → password                           | PLAIN clients with these credentials |
//! | `domain` | text                                          | answer only requests of this ZAP domain |
//!
//! Every field is optional. `allow` and `deny` exclude each other (as in
//! pyzmq and czmq). Without `curve`, CURVE clients are refused; without
//! `plain`, PLAIN clients are refused; NULL clients pass unless an address
//! rule refuses them. Unknown fields, wrong types, invalid addresses and keys
//! are `EINVAL`.

use crate::error::{Error, Result};
use std::collections::{HashMap, HashSet};
use std::net::IpAddr;

/// A configuration value as a script wrote it, converted by an engine adapter
/// without judging it: the core decides what is valid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigValue {
    /// `undefined`, `null`, `nil`: as if the field were not there.
    Absent,
    /// A string (its bytes).
    Text(Vec<u8>),
    /// An array / a sequence table.
    List(Vec<ConfigValue>),
    /// An object / a table with string keys.
    Map(Vec<(String, ConfigValue)>),
    /// Anything else, named for the error message (`"number"`, `"function"`...).
    Other(String),
}

impl ConfigValue {
    /// `Text` of a string.
    pub fn text(s: impl AsRef<[u8]>) -> ConfigValue {
        ConfigValue::Text(s.as_ref().to_vec())
    }

    /// `List` of texts.
    pub fn texts<I: IntoIterator<Item = S>, S: AsRef<[u8]>>(items: I) -> ConfigValue {
        ConfigValue::List(items.into_iter().map(ConfigValue::text).collect())
    }

    /// `Map` of `(key, value)` pairs.
    pub fn map<I: IntoIterator<Item = (K, ConfigValue)>, K: Into<String>>(pairs: I) -> ConfigValue {
        ConfigValue::Map(pairs.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    /// What the value is, for messages.
    fn kind(&self) -> &str {
        match self {
            ConfigValue::Absent => "nothing",
            ConfigValue::Text(_) => "a string",
            ConfigValue::List(_) => "a list",
            ConfigValue::Map(_) => "an object",
            ConfigValue::Other(name) => name,
        }
    }
}

/// Which addresses may connect.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) enum AddressRule {
    #[default]
    Any,
    /// Only these.
    Allow(HashSet<IpAddr>),
    /// All but these.
    Deny(HashSet<IpAddr>),
}

/// Which CURVE client keys may connect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CurveRule {
    /// `"*"`: any key (encryption without client authentication).
    AnyKey,
    /// These 32-byte public keys.
    Keys(HashSet<[u8; 32]>),
}

/// A validated authenticator configuration (see the module docs).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuthConfig {
    pub(crate) addresses: AddressRule,
    pub(crate) curve: Option<CurveRule>,
    pub(crate) plain: Option<HashMap<Vec<u8>, Vec<u8>>>,
    pub(crate) domain: Option<Vec<u8>>,
}

const FIELDS: &str = "allow, deny, curve, plain, domain";

fn invalid(field: &str, message: impl std::fmt::Display) -> Error {
    Error::invalid(format!("auth(): {field}: {message}"))
}

/// The entries of a map; an empty list (an empty Lua table) is an empty map.
fn entries<'a>(field: &str, v: &'a ConfigValue) -> Result<&'a [(String, ConfigValue)]> {
    match v {
        ConfigValue::Map(m) => Ok(m),
        ConfigValue::List(l) if l.is_empty() => Ok(&[]),
        other => Err(invalid(field, format!("expected an object, got {}", other.kind()))),
    }
}

/// The texts of a list, or of a single text; an empty map (`{}` in JS) is an empty list.
fn texts<'a>(field: &str, v: &'a ConfigValue) -> Result<Vec<&'a [u8]>> {
    let items: &[ConfigValue] = match v {
        ConfigValue::Text(t) => return Ok(vec![t]),
        ConfigValue::List(l) => l,
        ConfigValue::Map(m) if m.is_empty() => &[],
        other => {
            return Err(invalid(
                field,
                format!("expected a list of strings, got {}", other.kind()),
            ))
        }
    };
    items
        .iter()
        .map(|item| match item {
            ConfigValue::Text(t) => Ok(t.as_slice()),
            other => Err(invalid(
                field,
                format!("expected strings in the list, got {}", other.kind()),
            )),
        })
        .collect()
}

fn text<'a>(field: &str, v: &'a ConfigValue) -> Result<&'a [u8]> {
    match v {
        ConfigValue::Text(t) => Ok(t),
        other => Err(invalid(field, format!("expected a string, got {}", other.kind()))),
    }
}

/// The canonical form of an address (an IPv4-mapped IPv6 address is its IPv4 address).
pub(crate) fn parse_ip(text: &[u8]) -> Option<IpAddr> {
    std::str::from_utf8(text)
        .ok()?
        .trim()
        .parse::<IpAddr>()
        .ok()
        .map(|a| a.to_canonical())
}

fn addresses(field: &str, v: &ConfigValue) -> Result<HashSet<IpAddr>> {
    texts(field, v)?
        .into_iter()
        .map(|t| {
            parse_ip(t).ok_or_else(|| invalid(field, format!("'{}' is not an IP address", String::from_utf8_lossy(t))))
        })
        .collect()
}

fn curve(v: &ConfigValue) -> Result<CurveRule> {
    let keys = texts("curve", v)?;
    if keys.iter().any(|k| *k == b"*") {
        return Ok(CurveRule::AnyKey);
    }
    let mut set = HashSet::new();
    for k in keys {
        let shown = String::from_utf8_lossy(k);
        let bytes = std::str::from_utf8(k)
            .ok()
            .filter(|s| s.len() == 40)
            .and_then(|s| crate::z85_decode(s).ok())
            .ok_or_else(|| invalid("curve", format!("'{shown}' is not a 40-character Z85 public key")))?;
        set.insert(<[u8; 32]>::try_from(bytes.as_slice()).expect("40 Z85 characters are 32 bytes"));
    }
    Ok(CurveRule::Keys(set))
}

fn plain(v: &ConfigValue) -> Result<HashMap<Vec<u8>, Vec<u8>>> {
    entries("plain", v)?
        .iter()
        .filter(|(_, password)| *password != ConfigValue::Absent)
        .map(|(user, password)| {
            let password = text(&format!("plain.{user}"), password)?;
            Ok((user.as_bytes().to_vec(), password.to_vec()))
        })
        .collect()
}

impl AuthConfig {
    /// Validate a configuration object (see the module docs). `Absent` is the
    /// empty configuration. Errors: `EINVAL` naming the field at fault.
    pub fn from_value(config: &ConfigValue) -> Result<AuthConfig> {
        if *config == ConfigValue::Absent {
            return Ok(AuthConfig::default());
        }
        let fields = entries("config", config)
            .map_err(|_| Error::invalid(format!("auth(): expected a config object, got {}", config.kind())))?;
        let mut out = AuthConfig::default();
        let (mut allow, mut deny) = (None, None);
        for (name, value) in fields {
            if *value == ConfigValue::Absent {
                continue;
            }
            match name.as_str() {
                "allow" => allow = Some(addresses("allow", value)?),
                "deny" => deny = Some(addresses("deny", value)?),
                "curve" => out.curve = Some(curve(value)?),
                "plain" => out.plain = Some(plain(value)?),
                "domain" => out.domain = Some(text("domain", value)?.to_vec()),
                other => {
                    return Err(Error::invalid(format!(
                        "auth(): unknown field '{other}' (the fields are {FIELDS})"
                    )))
                }
            }
        }
        out.addresses = match (allow, deny) {
            (Some(_), Some(_)) => return Err(Error::invalid(
                "auth(): allow and deny exclude each other: list the addresses that may connect, or those that may not",
            )),
            (Some(a), None) => AddressRule::Allow(a),
            (None, Some(d)) => AddressRule::Deny(d),
            (None, None) => AddressRule::Any,
        };
        Ok(out)
    }
}
