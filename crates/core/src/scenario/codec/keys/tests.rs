//! The declared keys against the docs.

use super::*;

#[test]
fn the_docs_table_is_the_declared_one() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/methodology.md");
    let docs = std::fs::read_to_string(&path).unwrap();
    let table = docs_table();
    assert!(
        docs.contains(&table),
        "{} does not hold the declared keys' table; replace its table under \"The scenario in the URL\" with:\n\n{table}",
        path.display()
    );
}

#[test]
fn every_key_is_declared_once_and_writes_what_it_reads() {
    let mut names = KEYS.to_vec();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), SPECS.len());
    let d = Scenario::default();
    for k in SPECS {
        let mut s = Scenario::default();
        let text = (k.text)(&d);
        if !text.is_empty() {
            assert_eq!((k.parse)(&mut s, k.name, &text), Ok(()), "{}", k.name);
            assert_eq!((k.text)(&s), text, "{}", k.name);
        }
    }
}
