//! Imports: `import`, `from ... import` and `from ... import *`, and the module cache.
//!
//! Modules are created by `modules::create`; this module must never create one itself,
//! only look it up and bind names.

use super::exceptions::exc;
use super::frame::Vm;
use crate::code::Name;
use crate::types::ExcType;
use crate::value::*;
use crate::PyResult;

impl Vm {
    pub(crate) fn import(&mut self, name: &str) -> PyResult<Value> {
        if let Some(module) = lock(&self.rt.modules).get(name) {
            return Ok(module.clone());
        }
        let module = crate::modules::create(self, name)?;
        lock(&self.rt.modules).insert(name.to_string(), module.clone());
        Ok(module)
    }

    /// `ImportName`: `import a.b` pushes `a` (after importing `a.b`); a name marked
    /// `from:` (for `from a.b import x`) pushes `a.b` itself.
    #[inline]
    pub(super) fn import_name(&mut self, name: &Name) -> PyResult<()> {
        let (module_name, from) = match name.strip_prefix("from:") {
            Some(rest) => (rest, true),
            None => (&**name, false),
        };
        let module = self.import(module_name)?;
        if from || !module_name.contains('.') {
            self.push(module);
        } else {
            let top = module_name.split('.').next().unwrap_or(module_name);
            let top_module = self.import(top)?;
            self.push(top_module);
        }
        Ok(())
    }

    /// `ImportFrom`: pushes `name` of the module on top (which stays).
    #[inline]
    pub(super) fn import_from(&mut self, name: &Name) -> PyResult<()> {
        let module = self.peek(0).clone();
        match self.get_attr(&module, name) {
            Ok(value) => self.push(value),
            Err(_) => {
                let module_name = match module.payload() {
                    Some(Payload::Module(m)) => m.name.to_string(),
                    _ => "?".into(),
                };
                return Err(exc(
                    ExcType::ImportError,
                    format!("cannot import name '{name}' from '{module_name}' (unknown location)"),
                ));
            }
        }
        Ok(())
    }

    /// `ImportStar`: binds the module's public names in the current globals.
    #[inline]
    pub(super) fn import_star(&mut self) {
        let module = self.pop();
        if let Some(Payload::Module(m)) = module.payload() {
            let vars: Vec<(Name, Value)> = lock(&m.globals.vars)
                .iter()
                .filter(|(k, _)| !k.starts_with('_'))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let mut globals = self.top().globals.write();
            for (k, v) in vars {
                globals.insert(k, v);
            }
        }
    }
}
