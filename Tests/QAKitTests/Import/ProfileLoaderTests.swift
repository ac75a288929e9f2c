import QAKit
import Testing

/// The import profile linter (docs/imports.md): each mistake is one diagnostic, located where the
/// marker `1️⃣` stands, with its exact message.
@Suite("Import profile lint")
struct ProfileLoaderTests {
    static let cases: [DiagnosticCase] = [
        DiagnosticCase(name: "no profile key", fixture: "1️⃣format: csv\n", message: "the profile is missing required key 'profile'"),
        DiagnosticCase(name: "empty file", fixture: "1️⃣", message: "the profile is missing required key 'profile'"),
        DiagnosticCase(name: "unknown key with did-you-mean", fixture: "profile: p\n1️⃣delimitr: \";\"\n",
                       message: "unknown key 'delimitr' in the profile; did you mean 'delimiter'?"),
        DiagnosticCase(name: "format near miss", fixture: "profile: p\nformat: 1️⃣jsnl\n",
                       message: "'format' must be one of csv, tsv, jsonl, json, xlsx, found 'jsnl'; did you mean 'jsonl'?"),
        DiagnosticCase(name: "two-character delimiter", fixture: "profile: p\ndelimiter: 1️⃣\";;\"\n",
                       message: "'delimiter' must be one character such as \";\" or \"\\t\", found ';;'"),
        DiagnosticCase(name: "quote as delimiter", fixture: "profile: p\ndelimiter: 1️⃣'\"'\n",
                       message: "'delimiter' cannot be '\"': a quote, line break or non-ASCII character cannot separate cells"),
        DiagnosticCase(name: "unknown encoding", fixture: "profile: p\nencoding: 1️⃣windows-1250\n",
                       message: "'encoding' must be one of utf-8, windows-1252, latin-1, utf-16, found 'windows-1250'; did you mean 'windows-1252'?"),
        DiagnosticCase(name: "records outside json", fixture: "profile: p\nformat: csv\n1️⃣records: data.items\n",
                       message: "'records' is read only in json files, and this profile reads csv"),
        DiagnosticCase(name: "records path with an empty part", fixture: "profile: p\nrecords: 1️⃣data..items\n",
                       message: "'records' has an empty part; write a dotted path such as data.evaluations"),
        DiagnosticCase(name: "columns not a mapping", fixture: "profile: p\ncolumns: 1️⃣[agent]\n",
                       message: "'columns' must be a mapping of keys, found a list"),
        DiagnosticCase(name: "column entry of the wrong type", fixture: "profile: p\ncolumns:\n  agent: 1️⃣[a, b]\n",
                       message: "column 'agent' must be a source column name or {column: NAME, map: {...}} or {column: NAME, na: NA_COLUMN}, found a list"),
        DiagnosticCase(name: "column entry without column", fixture: "profile: p\ncolumns:\n  calibration: 1️⃣{ map: { a: true } }\n",
                       message: "column 'calibration' is missing required key 'column'"),
        DiagnosticCase(name: "unknown key in a column entry", fixture: "profile: p\ncolumns:\n  tone: { column: t, 1️⃣nah: skipped }\n",
                       message: "unknown key 'nah' in column 'tone'; did you mean 'na'?"),
        DiagnosticCase(name: "map value a list", fixture: "profile: p\ncolumns:\n  calibration: { column: t, map: { a: 1️⃣[1] } }\n",
                       message: "the map of column 'calibration' must map words to single words, found a list"),
        DiagnosticCase(name: "empty map", fixture: "profile: p\ncolumns:\n  calibration: { column: t, map: 1️⃣{} }\n",
                       message: "the map of column 'calibration' must map at least one word"),
        DiagnosticCase(name: "dates as one text", fixture: "profile: p\ndates: 1️⃣\"%d/%m/%Y\"\n",
                       message: "'dates' must be a list of texts, found '%d/%m/%Y'; write [%d/%m/%Y]"),
        DiagnosticCase(name: "unknown date directive", fixture: "profile: p\ndates: [\"%Y-%m-%d\", 1️⃣\"%d/%q/%Y\"]\n",
                       message: "date format '%d/%q/%Y': unknown directive '%q'; use %Y %y %m %d %H %I %M %S %f %p %b %B %z %T %s or %%"),
        DiagnosticCase(name: "UNIX seconds with a day", fixture: "profile: p\ndates: [1️⃣\"%d %s\"]\n",
                       message: "date format '%d %s': %s (UNIX seconds) is the whole date and time: only %f and literal characters may go with it, once"),
        DiagnosticCase(name: "date format without a day", fixture: "profile: p\ndates: [1️⃣\"%H:%M\"]\n",
                       message: "date format '%H:%M': a date format needs a year (%Y or %y), a month (%m or %b) and a day (%d)"),
        DiagnosticCase(name: "twelve-hour clock without AM/PM", fixture: "profile: p\ndates: [1️⃣\"%d/%m/%Y %I:%M\"]\n",
                       message: "date format '%d/%m/%Y %I:%M': %I (12-hour clock) and %p (AM/PM) go together"),
        DiagnosticCase(name: "decimal semicolon", fixture: "profile: p\ndecimal: 1️⃣\";\"\n",
                       message: "'decimal' must be \",\" or \".\", found ';'"),
        DiagnosticCase(name: "values not words", fixture: "profile: p\nvalues:\n  \"*\": 1️⃣[yes]\n",
                       message: "the words of \"*\" must be a mapping of words to what they read as, found a list"),
        DiagnosticCase(name: "long without criterion", fixture: "profile: p\nlong:\n  1️⃣audit: id\n  value: v\n",
                       message: "'long' is missing required key 'criterion'"),
        DiagnosticCase(name: "long grouped not a boolean", fixture: "profile: p\nlong: { audit: a, criterion: c, value: v, grouped: 1️⃣yes }\n",
                       message: "'grouped' must be true or false, found 'yes'; booleans are written true/false"),
    ]

    @Test(arguments: cases)
    func reportsOneLocatedError(_ testCase: DiagnosticCase) throws {
        let marked = MarkedText(testCase.fixture)
        let result = ProfileLoader().load(bytes: Array(marked.text.utf8), file: "p.yaml")
        let expected = try #require(marked.expected)
        #expect(result.profile == nil)
        #expect(result.diagnostics.map(\.description) == ["p.yaml:\(expected.line):\(expected.column): error: \(testCase.message)"])
    }

    @Test func readsEveryKeyOfAValidProfile() throws {
        let text = """
            profile: maestro-like
            format: csv
            delimiter: "\\t"
            encoding: cp1252
            columns:
              audit_id: answer_id
              calibration: { column: answer_type, map: { calibration_review: true, grading: false } }
              tone: { column: tone_score, na: tone_skipped }
            dates: ["%Y-%m-%d %H:%M:%S", "%d/%m/%Y"]
            decimal: ","
            values:
              resolution: { "Resolved first contact": resolved }
              "*": { "Yes": yes, "N/A": na }
            long: { audit: answer_id, criterion: question_id, value: option_id, criteria: { q-1: greeting }, grouped: true }

            """
        let result = ProfileLoader().load(bytes: Array(text.utf8), file: "p.yaml")
        #expect(result.diagnostics.isEmpty)
        let profile = try #require(result.profile)
        #expect(profile.name == "maestro-like")
        #expect(profile.format == .csv)
        #expect(profile.delimiter == "\t")
        #expect(profile.encoding == .windows1252)
        #expect(profile.columns.map(\.field) == ["audit_id", "calibration", "tone"])
        #expect(profile.columns[1].map?.value(of: " Calibration_Review ") == "true")
        #expect(profile.columns[2].notApplicableSource == "tone_skipped")
        #expect(profile.dates.map(\.description) == ["%Y-%m-%d %H:%M:%S", "%d/%m/%Y"])
        #expect(profile.decimal == ",")
        #expect(profile.values["*"]?.value(of: "n/a") == "na")
        #expect(profile.values["resolution"]?.value(of: "resolved FIRST contact") == "resolved")
        #expect(profile.long?.criteria.map(\.id) == ["greeting"])
        #expect(profile.long?.isGrouped == true)
    }

    @Test func tellsProfilesFromScorecards() {
        #expect(ProfileLoader.isProfile(Array("profile: p\ncolumns: {}\n".utf8)))
        #expect(!ProfileLoader.isProfile(Array("scorecard: s\ntitle: S\n".utf8)))
    }
}
