//! Number fields that say what is wrong instead of silently changing what was typed:
//! the demo's parameter controls, the switch interval and the seed. A refused value
//! (out of range, a fraction where only whole numbers fit, not a number) stays in the
//! field, marked `aria-invalid`, with a message next to it that the field names in
//! `aria-describedby` and a polite live region reads out; the page keeps using the last
//! valid value, and the message says which.
//!
//! Only presentation: the rules are `demos::params::NumberRule` (pure, unit-tested).
//! It must never hand the page a value its rule refuses.

use demos::params::NumberRule;
use yew::prelude::*;

/// The GIL's switch interval in milliseconds (CPython needs more than 0; below 0.1 ms
/// threads would mostly hand the GIL around).
pub const SWITCH_MS: NumberRule = NumberRule {
    min: 0.1,
    max: 1000.0,
    whole: false,
};

/// The virtual scheduler's seed (a fresh one is below a million; 32 bits is plenty to
/// retype one from elsewhere).
pub const SEED: NumberRule = NumberRule {
    min: 0.0,
    max: 4_294_967_295.0,
    whole: true,
};

#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    /// The input's `data-testid`; the message is `<testid>-message` (also its id).
    pub testid: AttrValue,
    /// What the field is called in its message ("threads must be between 1 and 32").
    pub name: AttrValue,
    /// The unit the message gives the bounds in ("ms").
    #[prop_or_default]
    pub unit: Option<AttrValue>,
    /// The visible label, shown before the input inside its `<label>`.
    pub label: Html,
    /// The `<label>`'s classes and title.
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub title: Option<AttrValue>,
    /// The value in use (None: no value, e.g. the program lost the control's line).
    pub value: Option<AttrValue>,
    /// None: the field is shown disabled.
    pub rule: Option<NumberRule>,
    #[prop_or_default]
    pub disabled: bool,
    /// The step the input's spinner takes when the rule takes fractions.
    #[prop_or(AttrValue::Static("any"))]
    pub step: AttrValue,
    /// Called with the text of an accepted input (as typed), never with a refused one.
    pub on_valid: Callback<String>,
}

/// What the learner typed last, when it was refused.
#[derive(Clone, PartialEq)]
struct Refused {
    typed: String,
    message: String,
}

#[function_component(NumberField)]
pub fn number_field(props: &NumberFieldProps) -> Html {
    let refused = use_state_eq(|| None::<Refused>);
    // What is being typed, before the field's `change` accepts or refuses it. Yew sets an
    // input's DOM value back to the rendered one at every render, and the page renders
    // often (a run's last frames, the timeline settling): without the draft in the
    // rendered value, a render between two keystrokes and the change would wipe them.
    let draft = use_state_eq(|| None::<String>);
    // The value in use changed (Reset, the editor, a new seed, a valid input): whatever
    // was refused or half-typed before no longer describes the field.
    {
        let (refused, draft) = (refused.clone(), draft.clone());
        use_effect_with(props.value.clone(), move |_| {
            refused.set(None);
            draft.set(None);
        });
    }
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                draft.set(Some(input.value()));
            }
        })
    };
    let onchange = {
        let refused = refused.clone();
        let rule = props.rule;
        let name = props.name.clone();
        let unit = props.unit.clone();
        let value = props.value.clone();
        let on_valid = props.on_valid.clone();
        let draft = draft.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let Some(rule) = rule else {
                return;
            };
            // A number input reports text it cannot read as a number ("1e", "-") as "".
            let typed = input.value();
            // Accepted or refused, the typed text is no longer a draft: it is the value in
            // use or the refused text below.
            draft.set(None);
            match rule.check(&typed) {
                Ok(_) => {
                    refused.set(None);
                    on_valid.emit(typed);
                }
                Err(why) => {
                    let kept = value
                        .as_deref()
                        .map(|kept| format!("; keeping {kept}"))
                        .unwrap_or_default();
                    // The message ends with the maximum: the unit goes after it.
                    let unit = unit
                        .as_deref()
                        .map(|unit| format!(" {unit}"))
                        .unwrap_or_default();
                    refused.set(Some(Refused {
                        typed,
                        message: format!("{}{unit}{kept}", rule.message(&name, why)),
                    }));
                }
            }
        })
    };
    let message_id = format!("{}-message", props.testid);
    let shown = match (&*draft, &*refused) {
        (Some(typed), _) => typed.clone(),
        (None, Some(refused)) => refused.typed.clone(),
        (None, None) => props.value.as_deref().unwrap_or_default().to_string(),
    };
    let (min, max, step) = match props.rule {
        Some(rule) => (
            Some(format_bound(rule.min)),
            Some(format_bound(rule.max)),
            if rule.whole {
                AttrValue::Static("1")
            } else {
                props.step.clone()
            },
        ),
        None => (None, None, props.step.clone()),
    };
    let invalid = refused.is_some();
    html! {
        <>
            <label class={props.class.clone()} title={props.title.clone()}>
                { props.label.clone() }
                <input type="number" data-testid={props.testid.clone()} {min} {max} {step}
                       value={shown} disabled={props.disabled || props.rule.is_none()}
                       aria-invalid={invalid.then_some("true")}
                       aria-describedby={invalid.then(|| message_id.clone())}
                       {oninput} {onchange} />
            </label>
            // Always in the page, so a message that appears is read out (a live region
            // added together with its text often is not).
            <span id={message_id.clone()} class="field-message" aria-live="polite"
                  data-testid={message_id}>
                { refused.as_ref().map(|refused| refused.message.clone()).unwrap_or_default() }
            </span>
        </>
    }
}

/// A bound for the input's `min`/`max` attribute.
fn format_bound(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}
