# Shared by the project's scripts: where tools live and how the wasm build is invoked.
# Tools go to a per-user folder outside the checkout, so a fresh clone (CI) reuses them.
THREADPLAY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
THREADPLAY_TOOLS="${THREADPLAY_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/threadplay-tools}"
export PATH="$THREADPLAY_TOOLS/bin:$HOME/.cargo/bin:$PATH"
TOOLCHAIN="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' "$THREADPLAY_ROOT/rust-toolchain.toml")"
TRUNK_VERSION="0.22.1"
BINARYEN_VERSION="132"

log() { printf '\033[1m[threadplay]\033[0m %s\n' "$*" >&2; }

# std must be rebuilt with atomics for the wasm target only; host builds stay plain.
wasm_env() { CARGO_UNSTABLE_BUILD_STD=panic_abort,std "$@"; }

# The wasm-bindgen version Cargo.lock pins; wasm-bindgen-cli must match it exactly.
locked_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' \
    "$THREADPLAY_ROOT/Cargo.lock"
}
