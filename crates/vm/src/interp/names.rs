//! Variables: loading, storing and deleting global, class-body and closure (cell)
//! variables, and the errors for unbound ones. (Fast locals are loaded and stored inline
//! in the instruction loop.)
//!
//! Nothing here may run Python code: a name lookup only reads namespaces.

use super::exceptions::name_error;
use super::frame::Vm;
use crate::code::{CodeObject, Name};
use crate::value::*;
use crate::PyResult;

impl Vm {
    pub(super) fn builtin_value(&self, name: &str) -> PyResult<Value> {
        lock(&self.rt.builtins.vars)
            .get(name)
            .cloned()
            .ok_or_else(|| name_error(name))
    }

    pub(super) fn load_global(&self, name: &Name) -> PyResult<Value> {
        if let Some(value) = lock(&self.top().globals.vars).get(name) {
            return Ok(value.clone());
        }
        if let Some(value) = lock(&self.rt.builtins.vars).get(name) {
            return Ok(value.clone());
        }
        let error = name_error(name);
        // Remember what was visible, for the "Did you mean" hint of the traceback.
        if let Some(Payload::Instance(instance)) = error.0.payload() {
            let frame = self.top();
            let mut visible: Vec<Value> = frame
                .code
                .varnames
                .iter()
                .zip(&frame.fast)
                .filter(|(_, v)| v.is_some())
                .map(|(n, _)| Value::Str(n.clone()))
                .collect();
            visible.extend(
                lock(&frame.globals.vars)
                    .keys()
                    .map(|k| Value::Str(k.clone())),
            );
            visible.extend(
                lock(&self.rt.builtins.vars)
                    .keys()
                    .map(|k| Value::Str(k.clone())),
            );
            lock(&instance.dict)
                .insert("__candidates__".into(), Value::obj(Payload::Tuple(visible)));
        }
        Err(error)
    }
}

pub(super) fn cell_name(code: &CodeObject, index: usize) -> Name {
    if index < code.cellvars.len() {
        code.cellvars[index].clone()
    } else {
        code.freevars
            .get(index - code.cellvars.len())
            .cloned()
            .unwrap_or_else(|| "?".into())
    }
}
