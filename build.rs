// Refinery embeds the SQL files at compile time; make cargo rebuild when one is added or changed.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
