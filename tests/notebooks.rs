//! The notebooks are committed clean: valid JSON, no outputs, no execution counts.

mod common;

#[test]
fn notebooks_are_committed_without_outputs() {
    let dir = common::root().join("notebooks");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ipynb") {
            continue;
        }
        seen += 1;
        let notebook: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for cell in notebook["cells"].as_array().unwrap() {
            if cell["cell_type"] == "code" {
                assert_eq!(cell["outputs"], serde_json::json!([]), "{}", path.display());
                assert!(cell["execution_count"].is_null(), "{}", path.display());
            }
        }
    }
    assert_eq!(seen, 2, "both notebooks are there");
}
