//! A demo's practice question: pick an option, get told at once whether it is right and
//! why; a button runs the page's program, which shows the answer happening. Only
//! presentation: the question and feedback are data from the demo's `.demo` file.

use super::catalog::Quiz;
use yew::prelude::*;

#[derive(Properties)]
pub struct QuizProps {
    pub quiz: &'static Quiz,
    /// Runs the page's program (the proof).
    pub on_prove: Callback<()>,
    pub can_run: bool,
}

impl PartialEq for QuizProps {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.quiz, other.quiz)
            && self.can_run == other.can_run
            && self.on_prove == other.on_prove
    }
}

#[function_component(QuizPanel)]
pub fn quiz_panel(props: &QuizProps) -> Html {
    let chosen = use_state(|| None::<usize>);
    let quiz = props.quiz;
    html! {
        <section class="region quiz" aria-label="Practice question" data-testid="quiz">
            <h2>{ "Practice" }</h2>
            <p class="question" id="quiz-question">{ quiz.question }</p>
            <ul class="options" role="list" aria-labelledby="quiz-question">
                { for quiz.options.iter().enumerate().map(|(index, option)| {
                    let picked = *chosen == Some(index);
                    let verdict = picked.then_some(if option.right { "right" } else { "wrong" });
                    let onclick = {
                        let chosen = chosen.clone();
                        Callback::from(move |_: MouseEvent| chosen.set(Some(index)))
                    };
                    html! {
                        <li>
                            <button type="button" class={classes!("option", verdict)}
                                    data-testid={format!("quiz-option-{index}")}
                                    aria-pressed={picked.to_string()} {onclick}>
                                <span class="letter">{ char::from(b'A' + index as u8) }</span>
                                <span>{ option.text }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
            if let Some(option) = chosen.map(|index| &quiz.options[index]) {
                <p class={classes!("feedback", if option.right { "right" } else { "wrong" })}
                   data-testid="quiz-feedback" data-right={option.right.to_string()} role="status">
                    <strong>{ if option.right { "Correct. " } else { "Not quite. " } }</strong>
                    { super::python_page::with_code(option.feedback) }
                    if !option.right {
                        { " Pick another option." }
                    }
                </p>
            }
            <button type="button" class="prove" data-testid="quiz-run" disabled={!props.can_run}
                    onclick={props.on_prove.reform(|_: MouseEvent| ())}>
                { "\u{25B6} Run the proof below" }
            </button>
        </section>
    }
}
