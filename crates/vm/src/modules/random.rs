//! `random`: the module functions and `random.Random` instances over CPython's Mersenne
//! Twister (`crate::pyrandom`), bit for bit the same sequences from the same seeds. The
//! module-level generator is the run's own; nothing here is shared between runs.

use super::*;

/// `random.Random(seed)`: an independent generator with the module functions as methods.
pub(super) struct RandomInstance(Mutex<crate::pyrandom::MersenneTwister>);

impl NativeObject for RandomInstance {
    fn type_name(&self) -> &'static str {
        "Random"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The functions of the `random` module, which are also the methods of `Random`.
pub(super) const RANDOM_FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("seed", random_seed),
    ("random", random_random),
    ("randint", random_randint),
    ("randrange", random_randrange),
    ("choice", random_choice),
    ("shuffle", random_shuffle),
    ("sample", random_sample),
    ("uniform", random_uniform),
    ("gauss", random_gauss),
    ("getstate", random_getstate),
    ("setstate", random_setstate),
    ("normalvariate", random_normalvariate),
    ("expovariate", random_expovariate),
    ("triangular", random_triangular),
    ("getrandbits", random_getrandbits),
    ("choices", random_choices),
];

/// Every random function is bound: to `None` at module level (the run's shared
/// generator), or to a `Random` instance. Splits that receiver off the arguments.
pub(super) fn split_receiver(mut args: Args) -> (Value, Args) {
    let receiver = if args.positional.is_empty() {
        Value::None
    } else {
        args.positional.remove(0)
    };
    (receiver, args)
}

/// The generator a random function uses: the instance's own, or the module's.
pub(super) fn rng<'a>(
    rt: &'a crate::interp::Runtime,
    receiver: &'a Value,
) -> crate::value::MutexGuard<'a, crate::pyrandom::MersenneTwister> {
    if let Some(Payload::Native(native)) = receiver.payload() {
        if let Some(instance) = native.as_any().downcast_ref::<RandomInstance>() {
            return lock(&instance.0);
        }
    }
    lock(&rt.random)
}

pub(super) fn random_module() -> Value {
    let mut entries: Vec<(&'static str, Value)> = RANDOM_FUNCTIONS
        .iter()
        .map(|(name, func)| {
            (
                *name,
                Value::obj(Payload::Builtin(Builtin {
                    name,
                    func: *func,
                    bound: Some(Value::None),
                    owner: None,
                    arity: None,
                    direct: DirectCall::Other,
                })),
            )
        })
        .collect();
    entries.push(("Random", function("Random", random_new_instance)));
    module("random", entries)
}

/// `random.Random(seed=None)`.
pub(super) fn random_new_instance(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let entropy = (vm.rt.host.wall_clock() * 1e9) as u64;
    let instance = Value::obj(Payload::Native(Box::new(RandomInstance(Mutex::new(
        crate::pyrandom::MersenneTwister::from_entropy(entropy),
    )))));
    let mut seed_args = Args::new(smallvec::smallvec![instance.clone()]);
    seed_args
        .positional
        .extend(args.positional.into_iter().take(1));
    random_seed(vm, seed_args)?;
    Ok(instance)
}

/// A method of a `Random` instance.
pub(super) fn random_method(object: &Value, name: &str) -> Option<Value> {
    let (name, func) = RANDOM_FUNCTIONS.iter().find(|(n, _)| *n == name)?;
    Some(Value::obj(Payload::Builtin(Builtin {
        name,
        func: *func,
        bound: Some(object.clone()),
        owner: None,
        arity: None,
        direct: DirectCall::Other,
    })))
}

pub(super) fn random_error(error: crate::pyrandom::RandomError) -> PyErr {
    let (kind, message) = error.into_parts();
    exc(kind, message)
}

pub(super) fn random_seed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    let mut generator = rng(&vm.rt, &receiver);
    match args.positional.first() {
        None | Some(Value::None) => {
            let entropy = (vm.rt.host.wall_clock() * 1e9) as u64;
            generator.seed_entropy(entropy);
        }
        Some(Value::Str(s)) => generator.seed_str(s),
        Some(Value::Float(x)) => generator.seed_float(*x),
        Some(value) => match as_int_like(value) {
            Some(n) => generator.seed_int(&n),
            None => return Err(exc(
                ExcType::TypeError,
                "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
            )),
        },
    }
    Ok(Value::None)
}

pub(super) fn random_random(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, _args) = split_receiver(args);
    let value = rng(&vm.rt, &receiver).random();
    Ok(Value::Float(value))
}

pub(super) fn random_randint(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    if args.positional.len() != 2 {
        return Err(exc(
            ExcType::TypeError,
            format!(
                "Random.randint() missing {} required positional argument",
                2 - args.positional.len().min(2)
            ),
        ));
    }
    let a = int_arg(&args.positional[0])?;
    let b = int_arg(&args.positional[1])?;
    let result = rng(&vm.rt, &receiver)
        .randint(&a, &b)
        .map_err(random_error)?;
    Ok(Value::int_from_big(result))
}

pub(super) fn random_randrange(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    let ints: Vec<BigInt> = args
        .positional
        .iter()
        .map(int_arg)
        .collect::<PyResult<_>>()?;
    let result = match ints.as_slice() {
        [stop] => rng(&vm.rt, &receiver).randrange(stop, None, None),
        [start, stop] => rng(&vm.rt, &receiver).randrange(start, Some(stop), None),
        [start, stop, step] => rng(&vm.rt, &receiver).randrange(start, Some(stop), Some(step)),
        _ => {
            return Err(exc(
                ExcType::TypeError,
                "randrange expected 1 to 3 arguments",
            ))
        }
    }
    .map_err(random_error)?;
    Ok(Value::int_from_big(result))
}

pub(super) fn random_choice(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    let Some(seq) = args.positional.first() else {
        return Err(exc(
            ExcType::TypeError,
            "Random.choice() missing 1 required positional argument: 'seq'",
        ));
    };
    let len = crate::builtins::length(vm, seq)?;
    let index = rng(&vm.rt, &receiver)
        .choice_index(len)
        .map_err(random_error)?;
    ops::get_item(vm, seq, &Value::Int(index as i64))
}

pub(super) fn random_shuffle(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    let Some(Payload::List(items)) = args.positional.first().and_then(|v| v.payload()) else {
        return Err(exc(ExcType::TypeError, "shuffle() needs a list"));
    };
    let mut snapshot = lock(items).clone();
    rng(&vm.rt, &receiver).shuffle(&mut snapshot);
    *lock(items) = snapshot;
    Ok(Value::None)
}

pub(super) fn random_sample(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    if args.positional.len() != 2 {
        return Err(exc(
            ExcType::TypeError,
            "sample() expects a population and k",
        ));
    }
    let population = vm.collect(&args.positional[0])?;
    let k = int_arg(&args.positional[1])?;
    let indices = rng(&vm.rt, &receiver)
        .sample_indices(population.len(), &k)
        .map_err(random_error)?;
    Ok(new_list(
        indices.into_iter().map(|i| population[i].clone()).collect(),
    ))
}

pub(super) fn random_choices(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    let Some(population) = args.positional.first() else {
        return Err(exc(ExcType::TypeError, "choices() missing population"));
    };
    let population = vm.collect(population)?;
    let k = match args.keywords.iter().find(|(key, _)| &**key == "k") {
        Some((_, v)) => index_arg(v)?,
        None => 1,
    };
    let keyword = |name: &str| {
        args.keywords
            .iter()
            .find(|(key, _)| &**key == name)
            .map(|(_, v)| v.clone())
    };
    let cumulative = match (keyword("weights"), keyword("cum_weights")) {
        (Some(_), Some(_)) => {
            return Err(exc(
                ExcType::TypeError,
                "Cannot specify both weights and cumulative weights",
            ))
        }
        (Some(weights), None) => {
            let mut running = 0.0;
            let mut totals = Vec::new();
            for weight in vm.collect(&weights)? {
                running += float_of(&weight)?;
                totals.push(running);
            }
            Some(totals)
        }
        (None, Some(cum)) => Some(
            vm.collect(&cum)?
                .iter()
                .map(float_of)
                .collect::<PyResult<Vec<f64>>>()?,
        ),
        (None, None) => None,
    };
    let indices = match cumulative {
        Some(totals) => {
            if totals.len() != population.len() {
                return Err(exc(
                    ExcType::ValueError,
                    "The number of weights does not match the population",
                ));
            }
            rng(&vm.rt, &receiver)
                .choices_cum_weights(&totals, k)
                .map_err(random_error)?
        }
        None => rng(&vm.rt, &receiver)
            .choices_indices(population.len(), k)
            .map_err(random_error)?,
    };
    Ok(new_list(
        indices.into_iter().map(|i| population[i].clone()).collect(),
    ))
}

pub(super) fn random_uniform(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    if args.positional.len() != 2 {
        return Err(exc(ExcType::TypeError, "uniform() expects 2 arguments"));
    }
    let a = float_of(&args.positional[0])?;
    let b = float_of(&args.positional[1])?;
    let value = rng(&vm.rt, &receiver).uniform(a, b);
    Ok(Value::Float(value))
}

/// The float argument at `index`, or `default` when it was left out.
pub(super) fn float_arg_or(args: &Args, index: usize, default: f64) -> PyResult<f64> {
    args.positional
        .get(index)
        .map(float_of)
        .transpose()
        .map(|v| v.unwrap_or(default))
}

pub(super) fn random_gauss(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    let mu = float_arg_or(&args, 0, 0.0)?;
    let sigma = float_arg_or(&args, 1, 1.0)?;
    let value = rng(&vm.rt, &receiver).gauss(mu, sigma);
    Ok(Value::Float(value))
}

pub(super) fn random_normalvariate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    let mu = float_arg_or(&args, 0, 0.0)?;
    let sigma = float_arg_or(&args, 1, 1.0)?;
    let value = rng(&vm.rt, &receiver).normalvariate(mu, sigma);
    Ok(Value::Float(value))
}

pub(super) fn random_expovariate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    let lambd = float_arg_or(&args, 0, 1.0)?;
    let result = rng(&vm.rt, &receiver)
        .expovariate(lambd)
        .map_err(random_error)?;
    Ok(Value::Float(result))
}

pub(super) fn random_triangular(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    let low = float_arg_or(&args, 0, 0.0)?;
    let high = float_arg_or(&args, 1, 1.0)?;
    let mode = match args.positional.get(2) {
        None | Some(Value::None) => None,
        Some(m) => Some(float_of(m)?),
    };
    let value = rng(&vm.rt, &receiver).triangular(low, high, mode);
    Ok(Value::Float(value))
}

/// `random.getstate()`: an opaque snapshot of the generator.
pub(super) struct RandomState(crate::pyrandom::MersenneTwister);

impl NativeObject for RandomState {
    fn type_name(&self) -> &'static str {
        "tuple"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

pub(super) fn random_getstate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, _args) = split_receiver(args);
    let snapshot = rng(&vm.rt, &receiver).clone();
    Ok(Value::obj(Payload::Native(Box::new(RandomState(snapshot)))))
}

pub(super) fn random_setstate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    match args.positional.first().and_then(|v| v.payload()) {
        Some(Payload::Native(native)) => match native.as_any().downcast_ref::<RandomState>() {
            Some(RandomState(snapshot)) => {
                *rng(&vm.rt, &receiver) = snapshot.clone();
                Ok(Value::None)
            }
            None => Err(exc(ExcType::TypeError, "state vector must be a tuple")),
        },
        _ => Err(exc(ExcType::TypeError, "state vector must be a tuple")),
    }
}

pub(super) fn random_getrandbits(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (receiver, args) = split_receiver(args);
    let k = args
        .positional
        .first()
        .map(index_arg)
        .transpose()?
        .unwrap_or(0);
    let result = rng(&vm.rt, &receiver)
        .getrandbits(k)
        .map_err(random_error)?;
    Ok(Value::int_from_big(result))
}
