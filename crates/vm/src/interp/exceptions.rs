//! Exceptions: creating them (`exc`, `new_exception` and the helpers for the common
//! errors), raising and matching them, unwinding to a handler, the exception blocks of
//! `try` and `with`, tracebacks, and the uncatchable stop error.
//!
//! Unwinding must never run Python code (a handler runs only once the loop resumes at
//! it), and a stop error must never be caught by a Python handler.

use super::dispatch::Flow;
use super::frame::{Block, BlockKind, Vm};
use crate::types::ExcType;
use crate::types::{self, class_of, exception_class, type_name, types};
use crate::value::Mutex;
use crate::value::*;
use crate::{PyErr, PyResult};
use std::sync::Arc;

const STOP_CLASS_NAME: &str = "ThreadplayStop";

pub(crate) fn new_exception(class: &Arc<Obj>, args: Vec<Value>) -> Value {
    Value::obj(Payload::Instance(Instance {
        class: class.clone(),
        dict: Mutex::new(AttrMap::default()),
        exception: Some(Box::new(Mutex::new(ExceptionData {
            args,
            ..ExceptionData::default()
        }))),
    }))
}

/// Creates an exception of a built-in class with one message argument.
pub(crate) fn exc(kind: ExcType, message: impl Into<String>) -> PyErr {
    let message: String = message.into();
    // An empty message means no arguments: `MemoryError()`, not `MemoryError('')`.
    let args = if message.is_empty() {
        Vec::new()
    } else {
        vec![Value::str(message)]
    };
    PyErr(new_exception(types().exception(kind), args))
}

pub fn exception_data(value: &Value) -> Option<&Mutex<ExceptionData>> {
    match value.payload() {
        Some(Payload::Instance(instance)) => instance.exception.as_deref(),
        _ => None,
    }
}

impl Vm {
    /// Unwinds to the nearest handler at or above `base`; false when the exception
    /// escapes `base` (its frames are popped). `error` is what goes on: a
    /// `StopIteration` leaving an inline generator's frame becomes a `RuntimeError`.
    pub(super) fn handle_exception(&mut self, error: &mut PyErr, base: usize) -> bool {
        let is_stop = self.is_stop(&error.0);
        loop {
            let Some(frame) = self.frames.last_mut() else {
                return false;
            };
            let line = frame.code.line_at(frame.ip.saturating_sub(1));
            let entry = TracebackEntry {
                filename: frame.code.filename.clone(),
                line,
                function: frame.code.name.clone(),
            };
            let frame_id = frame.id;
            // Comprehension frames are hidden as CPython 3.12 inlines them; the
            // attribute hooks of `threading.local` and asyncio's futures and tasks are C
            // code in CPython, so no frame.
            let hidden = frame.code.name.starts_with("<listcomp")
                || frame.code.name.starts_with("<dictcomp")
                || frame.code.name.starts_with("<setcomp")
                || &*frame.code.filename == "_asyncgen.py"
                || (&*frame.code.filename == "threading.py"
                    && frame.code.qualname.starts_with("local."))
                || (&*frame.code.filename == "asyncio.py"
                    && ["Future.", "Task.", "Handle."]
                        .iter()
                        .any(|prefix| frame.code.qualname.starts_with(prefix)));
            if !hidden {
                add_traceback(&error.0, entry, frame_id);
            }
            if !is_stop {
                while let Some(block) = frame.blocks.pop() {
                    match block.kind {
                        BlockKind::ActiveHandler => {
                            self.exc_stack.truncate(block.exc_depth as usize);
                        }
                        BlockKind::Handler => {
                            let frame = self.frames.last_mut().expect("checked above");
                            frame.stack.truncate(block.stack_depth as usize);
                            frame.stack.push(error.0.clone());
                            frame.blocks.push(Block {
                                kind: BlockKind::ActiveHandler,
                                handler: 0,
                                stack_depth: 0,
                                exc_depth: self.exc_stack.len() as u32,
                            });
                            frame.ip = block.handler as usize;
                            self.exc_stack.push(error.0.clone());
                            return true;
                        }
                    }
                }
            }
            let frame = self.frames.pop().expect("checked above");
            self.refill_vacated_slots(self.frames.len() + 1);
            for block in frame.blocks.iter().rev() {
                if block.kind == BlockKind::ActiveHandler {
                    self.exc_stack.truncate(block.exc_depth as usize);
                }
            }
            if !self.inline_gens.is_empty() {
                self.inline_gen_raised(self.frames.len(), error);
            }
            if self.frames.len() <= base {
                return false;
            }
        }
    }

    pub(super) fn is_stop(&self, value: &Value) -> bool {
        match value.payload() {
            Some(Payload::Instance(instance)) => {
                class_of(&instance.class).is_some_and(|c| &*c.name == STOP_CLASS_NAME)
            }
            _ => false,
        }
    }

    /// The uncatchable error that unwinds a stopped run.
    pub(crate) fn stop_error(&self) -> PyErr {
        static STOP: std::sync::OnceLock<Arc<Obj>> = std::sync::OnceLock::new();
        let class = STOP.get_or_init(|| {
            types::new_class(
                STOP_CLASS_NAME,
                vec![types().object.clone()],
                AttrMap::default(),
                "builtins",
                true,
            )
            .expect("single base")
        });
        PyErr(new_exception(
            class,
            vec![Value::str("the run was stopped")],
        ))
    }

    pub fn is_stop_error(&self, error: &PyErr) -> bool {
        self.is_stop(&error.0)
    }

    pub(super) fn raise(&mut self, count: u8) -> PyResult<PyErr> {
        if count == 0 {
            return match self.exc_stack.last() {
                Some(current) => Ok(PyErr(current.clone())),
                None => Ok(exc(ExcType::RuntimeError, "No active exception to reraise")),
            };
        }
        let cause = if count == 2 { Some(self.pop()) } else { None };
        let raised = self.pop();
        let error = self.make_exception(raised)?;
        if let Some(cause) = cause {
            let cause = if cause.is_none() {
                None
            } else {
                Some(self.make_exception(cause)?)
            };
            if let Some(data) = exception_data(&error) {
                let mut data = lock(data);
                data.cause = cause;
                data.suppress_context = true;
            }
        }
        Ok(PyErr(error))
    }

    /// Turns `raise X` operands into an exception instance (instantiating classes).
    pub(crate) fn make_exception(&mut self, value: Value) -> PyResult<Value> {
        if let Value::Obj(obj) = &value {
            if let Payload::Class(_) = &obj.payload {
                if types::is_exception_class(obj) {
                    return self.call(value.clone(), Args::default());
                }
            }
        }
        if exception_data(&value).is_some() {
            return Ok(value);
        }
        Err(exc(
            ExcType::TypeError,
            "exceptions must derive from BaseException",
        ))
    }

    /// Attaches the exception being handled as `__context__` of a new one.
    pub(super) fn set_context(&self, error: &PyErr) {
        if let (Some(current), Some(data)) = (self.exc_stack.last(), exception_data(&error.0)) {
            if current.is(&error.0) {
                return;
            }
            let mut data = lock(data);
            if data.context.is_none() {
                data.context = Some(current.clone());
            }
        }
    }

    fn exception_matches(&mut self, error: &Value, class: &Value) -> PyResult<bool> {
        let error_class = types::type_ref(error);
        match class {
            Value::Obj(obj) => match &obj.payload {
                Payload::Class(_) => {
                    if !types::is_exception_class(obj) {
                        return Err(exc(ExcType::TypeError,
                            "catching classes that do not inherit from BaseException is not allowed",
                        ));
                    }
                    Ok(types::is_subclass(error_class, obj))
                }
                // One level only: CPython refuses a tuple inside the tuple.
                Payload::Tuple(items) if items.iter().all(|item| item.is_class()) => {
                    for item in items.clone() {
                        if self.exception_matches(error, &item)? {
                            return Ok(true);
                        }
                    }
                    Ok(false)
                }
                _ => Err(exc(
                    ExcType::TypeError,
                    "catching classes that do not inherit from BaseException is not allowed",
                )),
            },
            _ => Err(exc(
                ExcType::TypeError,
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    /// The exception currently being handled (for `sys.exc_info` and bare `raise`).
    pub(crate) fn current_exception(&self) -> Option<&Value> {
        self.exc_stack.last()
    }

    // ------------------------------------------------- try / except / finally / with

    /// `SetupExcept` / `SetupFinally`: a handler at `target` for what follows.
    #[inline]
    pub(super) fn setup_handler(&mut self, target: u32) {
        let depth = self.top().stack.len() as u32;
        let exc_depth = self.exc_stack.len() as u32;
        self.top_mut().blocks.push(Block {
            kind: BlockKind::Handler,
            handler: target,
            stack_depth: depth,
            exc_depth,
        });
    }

    /// `SetupWith`: leaves the manager's `__exit__` on the stack, sets up its handler at
    /// `target` and calls `__enter__`.
    #[inline]
    pub(super) fn setup_with(&mut self, target: u32) -> PyResult<Option<Flow>> {
        let manager = self.pop();
        let enter = self.special_method(&manager, "__enter__");
        let exit = self.special_method(&manager, "__exit__");
        let (Some(enter), Some(exit)) = (enter.clone(), exit) else {
            // CPython names the missing method only when `__enter__` is there.
            let missed = if enter.is_some() {
                " (missed __exit__ method)"
            } else {
                ""
            };
            return Err(exc(
                ExcType::TypeError,
                format!(
                    "'{}' object does not support the context manager protocol{missed}",
                    type_name(&manager)
                ),
            ));
        };
        self.push(exit);
        self.setup_handler(target);
        self.call_or_push(enter, Args::default())
    }

    /// `PopBlock`: the protected block ended normally.
    #[inline]
    pub(super) fn pop_block(&mut self) {
        self.top_mut().blocks.pop();
    }

    /// `PopExcept`: leaves a handler, restoring the exceptions being handled.
    #[inline]
    pub(super) fn pop_except(&mut self) {
        if let Some(block) = self.top_mut().blocks.pop() {
            self.exc_stack.truncate(block.exc_depth as usize);
        }
    }

    /// `LoadAssertionError`: for a failed `assert`.
    #[inline]
    pub(super) fn load_assertion_error(&mut self) {
        self.push(Value::Obj(exception_class(ExcType::AssertionError)));
    }

    /// `ExceptionMatch`: does the exception below match the class on top?
    #[inline]
    pub(super) fn exception_match(&mut self) -> PyResult<()> {
        let class = self.pop();
        let error = self.pop();
        let matched = self.exception_matches(&error, &class)?;
        self.push(Value::Bool(matched));
        Ok(())
    }

    /// `WithExceptStart`: calls `__exit__` with the exception being handled and pushes
    /// whether it suppresses it.
    #[inline]
    pub(super) fn with_except_start(&mut self) -> PyResult<()> {
        let error = self.peek(0).clone();
        let exit = self.peek(1).clone();
        let class = Value::Obj(types::type_of(&error));
        let traceback = Value::None;
        let result = self.call(
            exit,
            Args::new(smallvec::smallvec![class, error, traceback]),
        )?;
        let suppress = self.truthy(&result)?;
        self.push(Value::Bool(suppress));
        Ok(())
    }

    /// `WithCleanNormal`: calls `__exit__(None, None, None)`. Leaves exit's result on the
    /// stack (the compiler pops it), so a Python `__exit__` runs as a frame like any call.
    #[inline]
    pub(super) fn with_clean_normal(&mut self) -> PyResult<Option<Flow>> {
        let exit = self.pop();
        let args = Args::new(smallvec::smallvec![Value::None, Value::None, Value::None]);
        self.call_or_push(exit, args)
    }
}

fn add_traceback(error: &Value, entry: TracebackEntry, frame_id: u64) {
    if let Some(data) = exception_data(error) {
        let mut data = lock(data);
        // A bare re-raise in the same frame must not list that frame twice.
        if data.traceback_frames.last() == Some(&frame_id) {
            return;
        }
        data.traceback.push(entry);
        data.traceback_frames.push(frame_id);
    }
}

pub(super) fn name_error(name: &str) -> PyErr {
    let error = exc(ExcType::NameError, format!("name '{name}' is not defined"));
    if let Some(Payload::Instance(instance)) = error.0.payload() {
        lock(&instance.dict).insert("name".into(), Value::str(name));
    }
    error
}

pub(crate) fn attribute_error(object: &Value, name: &str) -> PyErr {
    let error = exc(
        ExcType::AttributeError,
        format!("'{}' object has no attribute '{name}'", type_name(object)),
    );
    if let Some(Payload::Instance(instance)) = error.0.payload() {
        let mut dict = lock(&instance.dict);
        dict.insert("name".into(), Value::str(name));
        dict.insert("obj".into(), object.clone());
    }
    error
}

pub(super) fn not_callable(value: &Value) -> PyErr {
    exc(
        ExcType::TypeError,
        format!("'{}' object is not callable", type_name(value)),
    )
}

pub(super) fn not_iterable(value: &Value) -> PyErr {
    exc(
        ExcType::TypeError,
        format!("'{}' object is not iterable", type_name(value)),
    )
}
