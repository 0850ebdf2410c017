//! The status word every demo page shows through the `status` test hook.

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum UiStatus {
    #[default]
    Idle,
    Running,
    Finished,
    Stopped,
    Error,
    Deadlock,
    /// A step-mode replay ended where its steps ran out (ui/stepping.rs).
    Paused,
}

impl UiStatus {
    /// The exact text of the `status` hook:
    /// idle | running | finished | stopped | error | deadlock | paused.
    pub fn word(self) -> &'static str {
        match self {
            UiStatus::Idle => "idle",
            UiStatus::Running => "running",
            UiStatus::Finished => "finished",
            UiStatus::Stopped => "stopped",
            UiStatus::Error => "error",
            UiStatus::Deadlock => "deadlock",
            UiStatus::Paused => "paused",
        }
    }
}
