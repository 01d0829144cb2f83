//! Module resolution and loading: builtin modules registered by name
//! (`"zmq"`, `"std"`, `"os"`... see [`Builtin`]) and, if enabled, script
//! files imported with a relative (`./lib.js`, `../x.js`) or absolute path.
//!
//! Relative paths resolve against the importing module's directory (the
//! current directory for `-e` code); `.js` is appended if the name has no
//! extension and the file without one does not exist.

use rquickjs::loader::{ImportAttributes, Loader, Resolver};
use rquickjs::module::{Declared, ModuleDef};
use rquickjs::{Ctx, Error, Module};
use std::path::{Component, Path, PathBuf};

/// Declares a builtin module (`Module::declare_def` of one `ModuleDef`).
type DeclareFn = for<'js> fn(Ctx<'js>, &str) -> rquickjs::Result<Module<'js, Declared>>;

/// A module served by name, e.g. `Builtin::new::<zmq_quickjs::Zmq>("zmq")`.
#[derive(Clone, Debug)]
pub struct Builtin {
    name: String,
    declare: DeclareFn,
}

impl Builtin {
    /// The module `M` under `name`.
    pub fn new<M: ModuleDef>(name: &str) -> Builtin {
        fn declare<'js, M: ModuleDef>(ctx: Ctx<'js>, name: &str) -> rquickjs::Result<Module<'js, Declared>> {
            Module::declare_def::<M, _>(ctx, name)
        }
        Builtin {
            name: name.to_string(),
            declare: declare::<M>,
        }
    }

    /// The name scripts import it by.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// Which modules a [`ModuleResolver`]/[`ModuleLoader`] pair serves.
#[derive(Clone, Debug, Default)]
pub struct Modules {
    /// Modules served by name; the first of a name wins.
    pub builtins: Vec<Builtin>,
    /// Script files by path.
    pub files: bool,
}

impl Modules {
    fn builtin(&self, name: &str) -> Option<&Builtin> {
        self.builtins.iter().find(|b| b.name == name)
    }
}

/// Resolves builtin names and relative/absolute file paths.
pub struct ModuleResolver(pub Modules);

/// Loads the builtin modules and script files.
pub struct ModuleLoader(pub Modules);

/// `a/b/../c` → `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

impl Resolver for ModuleResolver {
    fn resolve<'js>(
        &mut self,
        _ctx: &Ctx<'js>,
        base: &str,
        name: &str,
        _attributes: Option<ImportAttributes<'js>>,
    ) -> rquickjs::Result<String> {
        if self.0.builtin(name).is_some() {
            return Ok(name.to_string());
        }
        let is_path = name.starts_with("./") || name.starts_with("../") || name.starts_with('/');
        if !self.0.files || !is_path {
            return Err(Error::new_resolving_message(base, name, "no such module"));
        }
        let path = if name.starts_with('/') {
            PathBuf::from(name)
        } else {
            let base_dir = if self.0.builtin(base).is_some() || base.starts_with('<') {
                PathBuf::new()
            } else {
                Path::new(base).parent().map(Path::to_path_buf).unwrap_or_default()
            };
            base_dir.join(name)
        };
        let mut path = normalize(&path);
        if !path.is_file() && path.extension().is_none() {
            let with_js = path.with_extension("js");
            if with_js.is_file() {
                path = with_js;
            }
        }
        if !path.is_file() {
            return Err(Error::new_resolving_message(
                base,
                name,
                format!("file {} not found", path.display()),
            ));
        }
        path.into_os_string()
            .into_string()
            .map_err(|_| Error::new_resolving_message(base, name, "path is not UTF-8"))
    }
}

impl Loader for ModuleLoader {
    fn load<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        name: &str,
        _attributes: Option<ImportAttributes<'js>>,
    ) -> rquickjs::Result<Module<'js, Declared>> {
        if let Some(builtin) = self.0.builtin(name) {
            return (builtin.declare)(ctx.clone(), name);
        }
        if !self.0.files {
            return Err(Error::new_loading(name));
        }
        let source = std::fs::read(name).map_err(|e| Error::new_loading_message(name, e.to_string()))?;
        Module::declare(ctx.clone(), name, source)
    }
}
