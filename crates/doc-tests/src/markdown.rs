//! Fenced code blocks of a markdown file, with the markers described in the crate docs.

use std::path::{Path, PathBuf};

/// One fenced code block.
#[derive(Clone, Debug)]
pub struct Block {
    /// The markdown file, relative to the repository root.
    pub file: PathBuf,
    /// Line of the opening fence (1-based).
    pub line: usize,
    /// First word of the info string (`js`, `lua`, `text`...).
    pub lang: String,
    /// The other words of the info string (`output`, `file=scripts/server.js`...).
    pub attrs: Vec<String>,
    /// The contents, indentation of the fence removed, ending with a newline.
    pub code: String,
    /// For a runnable block: the ```` ```text output ```` block that follows it.
    pub output: Option<String>,
}

impl Block {
    /// `file.md:12`, for messages.
    pub fn place(&self) -> String {
        format!("{}:{}", self.file.display(), self.line)
    }

    /// The value of `key=value` in the info string.
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find_map(|a| a.strip_prefix(key).and_then(|rest| rest.strip_prefix('=')))
    }

    /// True if the info string has the word `name` (alone or as `name=...`).
    pub fn flag(&self, name: &str) -> bool {
        self.attrs.iter().any(|a| a == name) || self.attr(name).is_some()
    }

    /// The engine family of the block, if it is a script.
    pub fn script_lang(&self) -> Option<Lang> {
        match self.lang.as_str() {
            "js" | "javascript" => Some(Lang::Js),
            "lua" => Some(Lang::Lua),
            _ => None,
        }
    }

    /// A complete script to run (not a mirror of a file, not an excerpt).
    pub fn runnable(&self) -> bool {
        self.script_lang().is_some() && !self.flag("file") && !self.flag("excerpt")
    }
}

/// Script languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Js,
    Lua,
}

/// Every fenced block of `path` (absolute, or relative to the repository root).
pub fn blocks(path: &Path) -> Vec<Block> {
    let root = crate::repo_root();
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        root.join(path)
    };
    let text = std::fs::read_to_string(&abs).unwrap_or_else(|e| panic!("{}: {e}", abs.display()));
    let rel = abs.strip_prefix(&root).unwrap_or(&abs).to_path_buf();
    parse(&rel, &text)
}

/// Parse markdown `text` (named `file` in the blocks).
pub fn parse(file: &Path, text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<Block> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim_start();
        let fence_char = trimmed.chars().next();
        if indent <= 3 && matches!(fence_char, Some('`') | Some('~')) {
            let c = fence_char.unwrap();
            let n = trimmed.chars().take_while(|&x| x == c).count();
            if n >= 3 {
                let info = trimmed[n..].trim();
                let mut words = info.split_whitespace().map(str::to_string);
                let lang = words.next().unwrap_or_default();
                let attrs: Vec<String> = words.collect();
                let start = i;
                let mut code = String::new();
                i += 1;
                while i < lines.len() {
                    let l = lines[i];
                    let t = l.trim_start();
                    if t.starts_with(&c.to_string().repeat(n)) && t.trim_end().chars().all(|x| x == c) {
                        break;
                    }
                    // Remove up to `indent` spaces of the fence's indentation.
                    let strip = l.len() - l.trim_start_matches(' ').len();
                    code.push_str(&l[strip.min(indent)..]);
                    code.push('\n');
                    i += 1;
                }
                out.push(Block {
                    file: file.to_path_buf(),
                    line: start + 1,
                    lang,
                    attrs,
                    code,
                    output: None,
                });
            }
        }
        i += 1;
    }
    attach_outputs(out)
}

/// Move each ```` ```text output ```` block into the closest runnable block above it.
fn attach_outputs(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for b in blocks {
        if b.flag("output") {
            let target = out
                .iter_mut()
                .rev()
                .find(|x| x.runnable())
                .unwrap_or_else(|| panic!("{}: an output block needs a runnable block above it", b.place()));
            assert!(
                target.output.is_none(),
                "{}: a second output block for the script at line {}",
                b.place(),
                target.line
            );
            target.output = Some(b.code);
        } else {
            out.push(b);
        }
    }
    out
}

/// True if `line` matches `pattern`, where `[..]` stands for any text.
pub fn line_matches(pattern: &str, line: &str) -> bool {
    let parts: Vec<&str> = pattern.split("[..]").collect();
    if parts.len() == 1 {
        return pattern == line;
    }
    let Some(mut rest) = line.strip_prefix(parts[0]) else {
        return false;
    };
    for (k, part) in parts.iter().enumerate().skip(1) {
        if k == parts.len() - 1 {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// `Ok` if `actual` has the lines of `expected` (each may use `[..]`);
/// trailing whitespace is ignored.
pub fn check_output(expected: &str, actual: &str) -> Result<(), String> {
    let want: Vec<&str> = expected.lines().map(str::trim_end).collect();
    let got: Vec<&str> = actual.lines().map(str::trim_end).collect();
    if want.len() == got.len() && want.iter().zip(&got).all(|(w, g)| line_matches(w, g)) {
        return Ok(());
    }
    Err(format!(
        "output differs\n--- expected\n{}\n--- actual\n{}",
        want.join("\n"),
        got.join("\n")
    ))
}

/// Lines of `needle` (trimmed, blank lines ignored) appear consecutively in `hay`.
pub fn contains_lines(hay: &str, needle: &str) -> bool {
    let n: Vec<&str> = needle.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let h: Vec<&str> = hay.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    n.is_empty() || h.windows(n.len()).any(|w| w == n.as_slice())
}

/// Relative links of a markdown file: `(line, target)` for `[text](target)`
/// whose target is not a URL.
pub fn relative_links(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_fence = false;
    for (n, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let Some(end) = after.find(')') else { break };
            let target = &after[..end];
            if !target.contains("://") && !target.starts_with("mailto:") && !target.is_empty() {
                out.push((n + 1, target.to_string()));
            }
            rest = &after[end..];
        }
    }
    out
}

/// GitHub's anchor for a heading: lower case, punctuation dropped, spaces to `-`.
pub fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchors of a markdown file's headings (duplicates get `-1`, `-2`...).
pub fn anchors(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut in_fence = false;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || !t.starts_with('#') {
            continue;
        }
        let title = t.trim_start_matches('#');
        if !title.starts_with(' ') {
            continue;
        }
        let base = slug(title);
        let mut s = base.clone();
        let mut k = 1;
        while out.contains(&s) {
            s = format!("{base}-{k}");
            k += 1;
        }
        out.push(s);
    }
    out
}

/// Rewrite every ```` ```lang file=PATH ```` block of the markdown file `path` with
/// the current contents of PATH (for `UPDATE_DOCS=1`). Returns true if it changed.
pub fn refresh_mirrors(path: &Path) -> bool {
    let root = crate::repo_root();
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        root.join(path)
    };
    let text = std::fs::read_to_string(&abs).unwrap();
    let blocks = parse(path, &text);
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    for b in blocks.iter().filter(|b| b.attr("file").is_some()) {
        let open = b.line - 1; // index of the fence line
        let indent = lines[open].len() - lines[open].trim_start().len();
        let body_len = b.code.lines().count();
        out.extend(lines[i..=open].iter().map(|l| l.to_string()));
        let file = std::fs::read_to_string(root.join(b.attr("file").unwrap())).unwrap();
        out.extend(
            file.lines()
                .map(|l| format!("{}{l}", " ".repeat(if l.is_empty() { 0 } else { indent }))),
        );
        i = open + 1 + body_len;
    }
    out.extend(lines[i..].iter().map(|l| l.to_string()));
    let mut new = out.join("\n");
    if text.ends_with('\n') {
        new.push('\n');
    }
    if new != text {
        std::fs::write(&abs, new).unwrap();
        true
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_blocks_outputs_and_attrs() {
        let md =
            "# T\n\n```js\nconsole.log(1)\n```\nprints\n```text output\n1\n```\n\n  ```lua file=a.lua\n  x()\n  ```\n";
        let b = parse(Path::new("t.md"), md);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].code, "console.log(1)\n");
        assert_eq!(b[0].output.as_deref(), Some("1\n"));
        assert_eq!(b[1].attr("file"), Some("a.lua"));
        assert_eq!(b[1].code, "x()\n");
        assert!(!b[1].runnable());
    }

    #[test]
    fn wildcards() {
        assert!(line_matches("port [..] ok", "port 1234 ok"));
        assert!(line_matches("[..]", "anything"));
        assert!(!line_matches("a[..]b", "ac"));
        assert!(check_output("a\n[..]\n", "a\nb\n").is_ok());
        assert!(check_output("a\n", "a\nb\n").is_err());
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("zmq.Context.prototype.socket()"), "zmqcontextprototypesocket");
        assert_eq!(slug("Two commands"), "two-commands");
        assert_eq!(slug("`s:recv(flags)`"), "srecvflags");
    }
}
