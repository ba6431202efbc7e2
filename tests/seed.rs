//! The seed report, as scraped: its whole model and its flat record are
//! held by snapshots, and its figures by assertions.

const SEED: &str = include_str!("../fixtures/huanglong-zhongyuanlu-2020.txt");

#[test]
fn seed_flat_record() {
    let parsed = xxgk::parse(SEED).unwrap();
    let flat = parsed.report.to_flat();
    assert_eq!(
        flat.get("title").and_then(|v| v.as_str()),
        Some("华龙区人民政府中原路街道办事处2020年政府信息公开工作年度报告")
    );
    assert_eq!(flat.get("agency").and_then(|v| v.as_str()), Some("华龙区人民政府中原路街道办事处"));
    assert_eq!(flat.get("year").and_then(|v| v.as_f64()), Some(2020.0));
    assert_eq!(flat.get("template").and_then(|v| v.as_str()), Some("2019"));
    let keys: Vec<String> = xxgk::vocab::flat_keys(xxgk::vocab::Template::Y2019).collect();
    assert_eq!(flat.len(), 4 + keys.len());
    for k in &keys {
        let want = match k.as_str() {
            "active.procurement.projects" => 19.0,
            "active.procurement.amount" => 52.5,
            _ => 0.0,
        };
        assert_eq!(flat.get(k).and_then(|v| v.as_f64()), Some(want), "{k}");
    }
    insta::assert_json_snapshot!("seed_flat", flat);
}

#[test]
fn seed_model_and_diagnostics() {
    let parsed = xxgk::parse(SEED).unwrap();
    let r = &parsed.report;
    assert_eq!(r.sections.len(), 6);
    // The 13 rows whose 总计 the text lost are derived, and say so.
    let derived: Vec<_> = parsed.diagnostics.iter().filter(|d| d.code == xxgk::Code::Derived).collect();
    assert_eq!(derived.len(), 13);
    assert_eq!(parsed.diagnostics.len(), 13);
    let t = r.requests.as_ref().unwrap();
    assert_eq!(t.get("requests.granted", "total").unwrap().value, xxgk::Value::Derived(xxgk::Number::int(0)));
    assert_eq!(t.get("requests.received", "total").unwrap().value, xxgk::Value::Number(xxgk::Number::int(0)));
    insta::assert_yaml_snapshot!("seed_model", parsed);
}
