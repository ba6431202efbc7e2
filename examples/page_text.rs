//! Prints the lines the HTML front end makes of a page, with their source
//! lines: `cargo run --example page_text -- PAGE.html`.

fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let bytes = std::fs::read(&path).unwrap_or_default();
    let Ok(decoded) = xxgk::decode::decode_html(&bytes) else { return };
    let page = xxgk::html::read_page(&decoded.text);
    for (line, origin) in page.text.lines().zip(&page.origins) {
        println!("{origin:5} | {}", line.replace('\t', " → ").replace(xxgk::html::PLACEHOLDER, "·"));
    }
}
