//! The glue between `%`-formatting (`crate::format::percent`, pure) and VM values: each
//! argument is converted through the VM (`__str__`, `__repr__`, `__index__`, ...), and a
//! Python error raised meanwhile comes back as a `FormatError`. Never formats by itself.

use super::*;

/// A VM value seen by `%`-formatting; the VM is shared by all arguments of one call.
pub(super) struct PercentArg<'a, 'v> {
    vm: &'a RefCell<&'v mut Vm>,
    value: Value,
}

pub(super) fn to_format_error(error: PyErr) -> FormatError {
    let name = match error.0.payload() {
        Some(Payload::Instance(instance)) => types::class_name(&instance.class).to_string(),
        _ => "ValueError".into(),
    };
    let exception = match name.as_str() {
        "TypeError" => ExcType::TypeError,
        "KeyError" => ExcType::KeyError,
        "OverflowError" => ExcType::OverflowError,
        "MemoryError" => ExcType::MemoryError,
        "IndexError" => ExcType::IndexError,
        "RecursionError" => ExcType::RecursionError,
        _ => ExcType::ValueError,
    };
    let message = exception_data(&error.0)
        .and_then(|d| lock(d).args.first().cloned())
        .map(|a| match a {
            Value::Str(s) => s.to_string(),
            other => format!("{other:?}"),
        })
        .unwrap_or_default();
    FormatError::new(exception, message)
}

impl PercentValue for PercentArg<'_, '_> {
    fn as_int(&self) -> Option<BigInt> {
        match &self.value {
            Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => as_int_like(&self.value),
            _ => None,
        }
    }
    fn as_small_int(&self) -> Option<i64> {
        match &self.value {
            Value::Int(n) => Some(*n),
            Value::Bool(b) => Some(i64::from(*b)),
            _ => None,
        }
    }
    fn as_float(&self) -> Option<f64> {
        match &self.value {
            Value::Float(x) => Some(*x),
            _ => None,
        }
    }
    fn as_str(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.to_string()),
            _ => None,
        }
    }
    fn to_str(&self) -> Result<String, FormatError> {
        let mut vm = self.vm.borrow_mut();
        vm.to_str(&self.value).map_err(to_format_error)
    }
    fn to_repr(&self) -> Result<String, FormatError> {
        let mut vm = self.vm.borrow_mut();
        vm.repr(&self.value).map_err(to_format_error)
    }
    fn type_name(&self) -> String {
        type_name(&self.value)
    }
    fn is_mapping(&self) -> bool {
        match self.value.payload() {
            Some(Payload::Dict(_)) | Some(Payload::List(_)) => true,
            Some(Payload::Instance(_)) => {
                let mut vm = self.vm.borrow_mut();
                vm.special_method(&self.value, "__getitem__").is_some()
            }
            _ => false,
        }
    }
    fn get_item(&self, key: &str) -> Result<Box<dyn PercentValue + '_>, FormatError> {
        let item = {
            let mut vm = self.vm.borrow_mut();
            ops::get_item(&mut vm, &self.value, &Value::str(key)).map_err(to_format_error)?
        };
        Ok(Box::new(PercentArg {
            vm: self.vm,
            value: item,
        }))
    }
}

pub fn percent_format(vm: &mut Vm, fmt: &str, args: &Value) -> PyResult<String> {
    let shared = RefCell::new(vm);
    let result = match args.payload() {
        Some(Payload::Tuple(items)) => {
            let wrapped: Vec<PercentArg<'_, '_>> = items
                .iter()
                .map(|value| PercentArg {
                    vm: &shared,
                    value: value.clone(),
                })
                .collect();
            let refs: Vec<&dyn PercentValue> =
                wrapped.iter().map(|w| w as &dyn PercentValue).collect();
            format::percent_format(fmt, PercentArgs::Tuple(&refs))
        }
        _ => {
            let single = PercentArg {
                vm: &shared,
                value: args.clone(),
            };
            format::percent_format(fmt, PercentArgs::Single(&single))
        }
    };
    result.map_err(|e| {
        if e.exception == ExcType::KeyError {
            PyErr(new_exception(
                &types::exception_class(ExcType::KeyError),
                vec![Value::str(e.message)],
            ))
        } else {
            exc(e.exception, e.message)
        }
    })
}
