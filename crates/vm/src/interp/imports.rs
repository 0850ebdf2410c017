//! Imports: `import`, `from ... import` and `from ... import *`, and the module cache.
//!
//! Modules are created by `modules::create`; this module must never create one itself,
//! only look it up and bind names.

use super::frame::Vm;
use crate::value::*;
use crate::PyResult;

impl Vm {
    pub fn import(&mut self, name: &str) -> PyResult<Value> {
        if let Some(module) = lock(&self.rt.modules).get(name) {
            return Ok(module.clone());
        }
        let module = crate::modules::create(self, name)?;
        lock(&self.rt.modules).insert(name.to_string(), module.clone());
        Ok(module)
    }
}
