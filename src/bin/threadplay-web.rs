//! The page's entry point: Trunk builds this binary for wasm32 and the browser runs it.
//! Natively it only explains itself, so `cargo build` of the whole workspace works.

#[cfg(target_arch = "wasm32")]
fn main() {
    threadplay_web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("threadplay-web is the browser build; serve it with `./scripts/serve`.");
    std::process::exit(2);
}
