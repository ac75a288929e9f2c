/// Text for HTML and SVG: the one escaping rule of qakit's HTML output (`CoachingHTML.escape`).
public enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` escaped, safe in element content and attribute values.
    public static func escape(_ text: String) -> String {
        CoachingHTML.escape(text)
    }
}
