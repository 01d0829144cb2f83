//! The ZAP protocol (ZeroMQ RFC 27) and the decision an [`AuthConfig`] makes
//! on each request.
//!
//! libzmq sends a request for every handshake of a server socket whose
//! mechanism is PLAIN or CURVE, or NULL with a `ZAP_DOMAIN` set:
//! `"1.0"`, request id, domain, address, routing id, mechanism, then the
//! credentials (PLAIN: user and password; CURVE: the client's 32-byte
//! public key). The reply is `"1.0"`, the same request id, a status code
//! (`"200"` admits, `"400"` refuses), a status text, a user id (the
//! `User-Id` property of the client's messages) and metadata (empty here).

use super::config::{AddressRule, AuthConfig, CurveRule};

/// ZAP version this handler speaks.
pub const ZAP_VERSION: &[u8] = b"1.0";

/// One ZAP request (the frames after the envelope).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZapRequest<'a> {
    pub version: &'a [u8],
    pub request_id: &'a [u8],
    pub domain: &'a [u8],
    pub address: &'a [u8],
    pub routing_id: &'a [u8],
    pub mechanism: &'a [u8],
    pub credentials: Vec<&'a [u8]>,
}

impl<'a> ZapRequest<'a> {
    /// Parse the request frames; `None` if there are fewer than six.
    pub fn parse(frames: &[&'a [u8]]) -> Option<ZapRequest<'a>> {
        match frames {
            [version, request_id, domain, address, routing_id, mechanism, credentials @ ..] => Some(ZapRequest {
                version,
                request_id,
                domain,
                address,
                routing_id,
                mechanism,
                credentials: credentials.to_vec(),
            }),
            _ => None,
        }
    }
}

/// The answer to one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZapReply {
    pub request_id: Vec<u8>,
    /// 200 (admitted) or 400 (refused).
    pub status: u16,
    /// Why, in a few words (libzmq passes it to nobody; useful in tests).
    pub text: String,
    /// For PLAIN the user name, for CURVE the Z85 public key, else empty.
    pub user_id: Vec<u8>,
}

impl ZapReply {
    fn admit(request_id: &[u8], user_id: Vec<u8>) -> ZapReply {
        ZapReply {
            request_id: request_id.to_vec(),
            status: 200,
            text: "OK".into(),
            user_id,
        }
    }

    fn refuse(request_id: &[u8], text: &str) -> ZapReply {
        ZapReply {
            request_id: request_id.to_vec(),
            status: 400,
            text: text.into(),
            user_id: Vec::new(),
        }
    }

    /// True for status 200.
    pub fn admitted(&self) -> bool {
        self.status == 200
    }

    /// The six reply frames.
    pub fn frames(&self) -> [Vec<u8>; 6] {
        [
            ZAP_VERSION.to_vec(),
            self.request_id.clone(),
            self.status.to_string().into_bytes(),
            self.text.clone().into_bytes(),
            self.user_id.clone(),
            Vec::new(),
        ]
    }
}

/// Equal bytes, in a time that does not depend on where they differ.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl AuthConfig {
    /// The reply to the request given as frames (a malformed one is refused).
    pub fn answer_frames(&self, frames: &[&[u8]]) -> ZapReply {
        match ZapRequest::parse(frames) {
            Some(request) => self.answer(&request),
            None => ZapReply::refuse(frames.get(1).copied().unwrap_or_default(), "malformed ZAP request"),
        }
    }

    /// Decide one request: version, domain, address rule, then the
    /// mechanism's credentials (see [`super::config`]).
    pub fn answer(&self, r: &ZapRequest<'_>) -> ZapReply {
        let id = r.request_id;
        if r.version != ZAP_VERSION {
            return ZapReply::refuse(id, "unsupported ZAP version");
        }
        if self.domain.as_deref().is_some_and(|d| d != r.domain) {
            return ZapReply::refuse(id, "ZAP domain not served");
        }
        let address = super::config::parse_ip(r.address);
        match &self.addresses {
            AddressRule::Allow(set) if !address.is_some_and(|a| set.contains(&a)) => {
                return ZapReply::refuse(id, "address not allowed")
            }
            AddressRule::Deny(set) if address.is_some_and(|a| set.contains(&a)) => {
                return ZapReply::refuse(id, "address denied")
            }
            _ => {}
        }
        match (r.mechanism, r.credentials.as_slice()) {
            (b"NULL", _) => ZapReply::admit(id, Vec::new()),
            (b"PLAIN", [user, password]) => match &self.plain {
                None => ZapReply::refuse(id, "PLAIN is not configured"),
                Some(users) => match users.get(*user) {
                    Some(p) if same_secret(p, password) => ZapReply::admit(id, user.to_vec()),
                    _ => ZapReply::refuse(id, "wrong user name or password"),
                },
            },
            (b"CURVE", [key]) if key.len() == 32 => {
                let user_id = crate::z85_encode(key).unwrap_or_default().into_bytes();
                match &self.curve {
                    None => ZapReply::refuse(id, "CURVE is not configured"),
                    Some(CurveRule::AnyKey) => ZapReply::admit(id, user_id),
                    Some(CurveRule::Keys(keys)) if keys.contains(*key) => ZapReply::admit(id, user_id),
                    Some(CurveRule::Keys(_)) => ZapReply::refuse(id, "unknown CURVE key"),
                }
            }
            (b"PLAIN" | b"CURVE", _) => ZapReply::refuse(id, "malformed credentials"),
            _ => ZapReply::refuse(id, "mechanism not supported"),
        }
    }
}
