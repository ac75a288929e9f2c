import Foundation
import Testing

/// Reading other tools' exports through `--profile` (docs/imports.md), run as a user would.
///
/// Every case reads the same three audits of the tiny scorecard (greeting yes/no, accuracy
/// points of 10, tone scale 1–5 that may be N/A, pass mark 80) in qakit's own CSV and in a
/// foreign layout, and checks that both score alike and that the scores are the hand-worked ones:
///
/// | audit | greeting | accuracy | tone | credits | score |
/// | --- | --- | --- | --- | --- | --- |
/// | A-1 | yes | 9.5 | 4 | 1, 9.5/10 = 0.95, (4 − 1)/(5 − 1) = 0.75 | 100 × 2.7/3 = 90.00, passed |
/// | A-2 | no | 7 | N/A | 0, 0.7 (tone left out) | 100 × 0.7/2 = 35.00, failed |
/// | A-3 | yes | 10 | – | 1, 1 (tone not required) | 100.00, passed |
@Suite("qakit --profile")
struct ProfileCommandTests {
    /// The three audits in qakit's own layout.
    static let native = """
        audit_id,interaction_id,agent,reviewer,date,greeting,accuracy,tone,tone.comment
        A-1,I-1,Sofía Núñez,Rev One,2025-10-20,yes,9.5,4,Warm
        A-2,I-2,Sofía Núñez,Rev One,2025-10-03,no,7,na,
        A-3,I-3,Ben Ode,Rev Two,2025-11-01,yes,10,,

        """

    private func scoreCSV(_ workspace: OutputWorkspace, _ arguments: String...) throws -> QAKitProcess.Output {
        try workspace.run(["score", "-s", "scorecards", "--format", "csv"] + arguments)
    }

    /// The native run, checked against the table above once, so the foreign runs compare with it.
    private func nativeScores(_ workspace: OutputWorkspace) throws -> String {
        try workspace.write(Self.native, to: "native.csv")
        let output = try scoreCSV(workspace, "native.csv")
        #expect(output.status == 0, "\(output.standardError)")
        let rows = output.standardOutput.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.map { "\($0[0]) \($0[7]) \($0[9])" } == ["A-1 90.00 true", "A-2 35.00 false", "A-3 100.00 true"])
        return output.standardOutput
    }

    @Test func semicolonWindows1252DecimalCommaAndDayFirstDates() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        let expected = try nativeScores(workspace)
        let foreign = """
            Ticket Nr;Bewertung;Agent;Prüfer;Datum;Begrüßung;Genauigkeit;Ton;Ton Kommentar\r
            I-1;A-1;Sofía Núñez;Rev One;20/10/2025;Ja;9,5;4;Warm\r
            I-2;A-2;Sofía Núñez;Rev One;3/10/2025;Nein;7;n.v.;\r
            I-3;A-3;Ben Ode;Rev Two;1/11/2025;Ja;10;;\r

            """
        try foreign.data(using: .windowsCP1252)!.write(to: workspace.url("foreign.csv"))
        try workspace.write("""
            profile: german-sheet
            delimiter: ";"
            encoding: windows-1252
            decimal: ","
            dates: ["%d/%m/%Y"]
            columns:
              audit_id: Bewertung
              interaction_id: Ticket Nr
              agent: Agent
              reviewer: Prüfer
              date: Datum
              greeting: Begrüßung
              accuracy: Genauigkeit
              tone: Ton
              tone.comment: Ton Kommentar
            values:
              tone: { n.v.: na }
              "*": { ja: yes, nein: no }

            """, to: "german.yaml")
        let output = try scoreCSV(workspace, "foreign.csv", "--profile", "german.yaml")
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput == expected)
        #expect(output.standardOutput.contains("Sofía Núñez"))
    }

    @Test func oneRunOptionsWithoutAProfileFile() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        let expected = try nativeScores(workspace)
        let foreign = Self.native.replacingOccurrences(of: ",", with: ";").replacingOccurrences(of: "9.5", with: "9,5")
            .replacingOccurrences(of: "2025-10-20", with: "20.10.2025").replacingOccurrences(of: "2025-10-03", with: "03.10.2025")
            .replacingOccurrences(of: "2025-11-01", with: "01.11.2025")
        try foreign.data(using: .isoLatin1)!.write(to: workspace.url("latin.txt"))
        let output = try scoreCSV(workspace, "latin.txt", "--input-format", "csv", "--delimiter", ";", "--encoding", "latin-1",
                                  "--decimal", ",", "--date-format", "%Y-%m-%d", "--date-format", "%d.%m.%Y")
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput == expected)
    }

    @Test func jsonRecordsPathAndDottedPaths() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        let expected = try nativeScores(workspace)
        try workspace.write("""
            {"data": {"evaluations": [
              {"id": "A-1", "conversation": {"id": "I-1"}, "agent": {"name": "Sofía Núñez"}, "grader": "Rev One", "created": "2025-10-20",
               "scores": [{"value": true}, {"value": 9.5}, {"value": 4, "note": "Warm"}]},
              {"id": "A-2", "conversation": {"id": "I-2"}, "agent": {"name": "Sofía Núñez"}, "grader": "Rev One", "created": "2025-10-03",
               "scores": [{"value": false}, {"value": 7}, {"value": null, "skipped": true}]},
              {"id": "A-3", "conversation": {"id": "I-3"}, "agent": {"name": "Ben Ode"}, "grader": "Rev Two", "created": "2025-11-01",
               "scores": [{"value": true}, {"value": 10}, {"value": null}]}
            ]}}
            """, to: "export.json")
        try workspace.write("""
            profile: nested-json
            format: json
            records: data.evaluations
            columns:
              audit_id: id
              interaction_id: conversation.id
              agent: agent.name
              reviewer: grader
              date: created
              greeting: { column: scores.0.value, map: { "true": yes, "false": no } }
              accuracy: scores.1.value
              tone: { column: scores.2.value, na: scores.2.skipped }
              tone.comment: scores.2.note

            """, to: "nested.yaml")
        let output = try scoreCSV(workspace, "export.json", "--profile", "nested.yaml")
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput == expected)
    }

    @Test func jsonLinesDottedPaths() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        let expected = try nativeScores(workspace)
        try workspace.write("""
            {"review": {"id": "A-1", "ticket": "I-1", "date": "2025-10-20"}, "people": {"agent": "Sofía Núñez", "reviewer": "Rev One"}, "answers": {"greeting": "yes", "accuracy": 9.5, "tone": 4}, "comments": {"tone": "Warm"}}
            {"review": {"id": "A-2", "ticket": "I-2", "date": "2025-10-03"}, "people": {"agent": "Sofía Núñez", "reviewer": "Rev One"}, "answers": {"greeting": "no", "accuracy": 7, "tone": "na"}}
            {"review": {"id": "A-3", "ticket": "I-3", "date": "2025-11-01"}, "people": {"agent": "Ben Ode", "reviewer": "Rev Two"}, "answers": {"greeting": "yes", "accuracy": 10}}

            """, to: "reviews.jsonl")
        try workspace.write("""
            profile: nested-lines
            columns: { audit_id: review.id, interaction_id: review.ticket, date: review.date, agent: people.agent, reviewer: people.reviewer }

            """, to: "lines.yaml")
        let output = try scoreCSV(workspace, "reviews.jsonl", "--profile", "lines.yaml")
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput == expected)
    }

    /// One row per answer, rows of one audit scattered and shuffled; MaestroQA-like ids mapped to ours.
    @Test func longPivotWithShuffledRowsEqualsTheWideFile() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        let expected = try nativeScores(workspace)
        try workspace.write("""
            answer_id,ticket,agent,reviewer,date,question_id,option,is_na,note
            A-2,I-2,Sofía Núñez,Rev One,2025-10-03,q-3,,true,
            A-1,I-1,Sofía Núñez,Rev One,2025-10-20,q-2,9.5,false,
            A-3,I-3,Ben Ode,Rev Two,2025-11-01,q-1,Yes,false,
            A-1,I-1,Sofía Núñez,Rev One,2025-10-20,q-3,4,false,Warm
            A-2,I-2,Sofía Núñez,Rev One,2025-10-03,q-1,No,false,
            A-3,I-3,Ben Ode,Rev Two,2025-11-01,q-2,10,false,
            A-1,I-1,Sofía Núñez,Rev One,2025-10-20,q-1,Yes,false,
            A-2,I-2,Sofía Núñez,Rev One,2025-10-03,q-2,7,false,
            A-3,I-3,Ben Ode,Rev Two,2025-11-01,q-9,5,false,
            A-1,I-1,Sofía Núñez,Rev One,2025-10-20,q-9,5,false,

            """, to: "answers.csv")
        try workspace.write("""
            profile: one-row-per-answer
            columns: { interaction_id: ticket }
            values: { "*": { "Yes": yes, "No": no } }
            long:
              audit: answer_id
              criterion: question_id
              value: option
              na: is_na
              comment: note
              criteria: { q-1: greeting, q-2: accuracy, q-3: tone }

            """, to: "long.yaml")
        let output = try scoreCSV(workspace, "answers.csv", "--profile", "long.yaml")
        #expect(output.status == 0, "\(output.standardError)")
        // Audits come in the order they first appear.
        let lines = expected.split(separator: "\n")
        #expect(output.standardOutput.split(separator: "\n") == [lines[0], lines[2], lines[1], lines[3]])
        // q-9 is on two rows, yet one warning.
        #expect(output.standardError.components(separatedBy: "'q-9'").count - 1 == 1)
        #expect(output.standardError.contains("answers.csv:10: warning: criterion id 'q-9' in column 'question_id' is not in the profile's long.criteria; its answers are left out"))
    }

    @Test func columnValueMapAndItsUnknownWord() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        try workspace.write("""
            audit_id,interaction_id,agent,reviewer,date,answer_type,greeting,accuracy
            A-1,I-1,Ana,Rev,2025-10-20,calibration_review,yes,10
            A-2,I-2,Ana,Rev,2025-10-20,grading,yes,10
            A-3,I-3,Ana,Rev,2025-10-20,draft,yes,10
            A-4,I-4,Ana,Rev,2025-10-20,draft,yes,10

            """, to: "typed.csv")
        try workspace.write("""
            profile: typed
            columns:
              calibration: { column: answer_type, map: { calibration_review: true, grading: false } }

            """, to: "typed.yaml")
        let output = try workspace.run(["score", "-s", "scorecards", "typed.csv", "--profile", "typed.yaml", "--format", "json"])
        #expect(output.status == 1)
        #expect(output.standardOutput.contains("\"audit_id\": \"A-1\"") && output.standardOutput.contains("\"calibration\": true"))
        // One message for the unknown word, the repeat counted.
        #expect(output.standardError.contains("typed.csv:4: error: audit 'A-3', field 'calibration' (column 'answer_type'): 'draft' is not one of the words its map knows ('calibration_review' and 'grading')"))
        #expect(output.standardError.contains("1 more record rejected for the same reason as line 4"))
        #expect(output.standardError.contains("scored 2 audits (1 calibration), rejected 2"))
    }

    @Test func kpisThroughATicketProfile() throws {
        let directory = QAKitProcess.fixtures.appendingPathComponent("kpis")
        let native = try QAKitProcess.run(["kpis", directory.appendingPathComponent("tickets.csv").path, "--by", "agent", "--format", "json"])
        #expect(native.status == 0)
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        // The fixture's tickets as a help desk might export them: renamed columns, CSAT and SLA in
        // words, the created_at day first, durations with a decimal comma.
        try workspace.write("""
            Ticket;Assignee;team;channel;status;Created;first_response_minutes;first_response_at;Resolution (min);solved_at;reopens;replies;Satisfaction;nps;SLA
            T-1;Ana Silva;North;email;solved;31.12.2026 09:00:00 +0200;10;;120;;0;1;Good;10;Achieved
            T-2;Ana Silva;North;chat;solved;01.01.2027 23:30:00 -0500;;2027-01-02T05:00:00Z;;2027-01-02T00:15:00-05:00;1;3;4;9;Achieved
            T-3;Ana Silva;North;email;open;2027-01-04;20;;;;;2;Offered;6;Breached
            T-4;Ana Silva;North;chat;closed;28.12.2026 08:00:00 Z;40;;30,5;;0;1;Bad;7;Achieved
            T-5;Ben Okoro;South;phone;solved;15.11.2026 10:00:00 +0530;;2026-11-15T04:50:20Z;;2026-11-15T06:30:00Z;0;2;5;0;Breached
            T-6;Ben Okoro;South;email;solved;16.11.2026 09:00:00 +0000;5;;60;;2;1;3;8;
            T-7;Ben Okoro;South;email;solved;17.11.2026 09:00:00 Z;15;;90;;0;;Unoffered;;Achieved

            """, to: "helpdesk.csv")
        try workspace.write("""
            profile: helpdesk-tickets
            delimiter: ";"
            decimal: ","
            dates: ["%d.%m.%Y %H:%M:%S %z"]
            columns:
              ticket_id: Ticket
              agent: Assignee
              created_at: Created
              resolution_minutes: Resolution (min)
              csat: Satisfaction
              sla_breached: { column: SLA, map: { Breached: true, Achieved: false } }

            """, to: "tickets.yaml")
        let output = try workspace.run(["kpis", "helpdesk.csv", "--profile", "tickets.yaml", "--by", "agent", "--format", "json"])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput == native.standardOutput)
    }

    /// `sample` picks by interaction id and seed only, so the same interactions under other column
    /// names, in Windows-1252 with semicolons and day-first times, give the same sample.
    @Test func sampleReadsInteractionsThroughAProfile() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        try workspace.write("""
            interaction_id,agent,date,channel
            C-1,Sofía Núñez,2025-10-20T09:00:00Z,chat
            C-2,Sofía Núñez,2025-10-21T10:30:00Z,email
            C-3,Sofía Núñez,2025-10-22T11:00:00Z,chat
            C-4,Ben Ode,2025-10-20T12:00:00Z,chat
            C-5,Ben Ode,2025-10-23T08:15:00Z,email

            """, to: "native.csv")
        let foreign = """
            Conversation;Assignee;Started;channel
            C-1;Sofía Núñez;20/10/2025 09:00;chat
            C-2;Sofía Núñez;21/10/2025 10:30;email
            C-3;Sofía Núñez;22/10/2025 11:00;chat
            C-4;Ben Ode;20/10/2025 12:00;chat
            C-5;Ben Ode;23/10/2025 08:15;email

            """
        try foreign.data(using: .windowsCP1252)!.write(to: workspace.url("foreign.csv"))
        try workspace.write("""
            profile: chats
            delimiter: ";"
            encoding: windows-1252
            dates: ["%d/%m/%Y %H:%M"]
            columns: { interaction_id: Conversation, agent: Assignee, date: Started }

            """, to: "chats.yaml")
        let native = try workspace.run(["sample", "native.csv", "--per-agent", "1", "--from", "2025-10-21"])
        let profiled = try workspace.run(["sample", "foreign.csv", "--profile", "chats.yaml", "--per-agent", "1", "--from", "2025-10-21"])
        #expect(native.status == 0 && profiled.status == 0, "\(profiled.standardError)")
        #expect(profiled.standardOutput == native.standardOutput)
        #expect(profiled.standardOutput.contains("Sofía Núñez"))
    }

    // MARK: Mistakes in foreign files (docs/imports.md, "When a file does not fit")

    @Test func aProfileColumnTheFileLacksIsOneErrorWithDidYouMean() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        try workspace.write(Self.native.replacingOccurrences(of: "agent,", with: "Agent Name,"), to: "a.csv")
        try workspace.write("profile: p\ncolumns: { agent: Agent_Name, reviewer: Reviewer }\n", to: "p.yaml")
        let output = try scoreCSV(workspace, "a.csv", "--profile", "p.yaml")
        #expect(output.status == 2)
        let errors = output.standardError.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors.first == "a.csv:1: error: profile 'p' names columns 'Agent_Name' (did you mean 'Agent Name'?), 'Reviewer' (did you mean 'reviewer'?) that the header lacks; the header has 'audit_id', 'interaction_id', 'Agent Name', 'reviewer', 'date', 'greeting', 'accuracy', 'tone', 'tone.comment'")
        #expect(output.standardOutput.isEmpty)
    }

    @Test func aPathNoJSONRecordHasIsOneErrorWithDidYouMean() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        try workspace.write("""
            {"id": "A-1", "ticket": "I-1", "people": {"agent": "Ana", "reviewer": "Rev"}, "date": "2025-10-20", "answers": {"greeting": "yes", "accuracy": 9}}
            {"id": "A-2", "ticket": "I-2", "people": {"agent": "Ana", "reviewer": "Rev"}, "date": "2025-10-20", "answers": {"greeting": "no", "accuracy": 7}}

            """, to: "reviews.jsonl")
        try workspace.write("profile: p\ncolumns: { audit_id: id, interaction_id: ticket, agent: people.agnt, reviewer: people.reviewer }\n", to: "p.yaml")
        let output = try scoreCSV(workspace, "reviews.jsonl", "--profile", "p.yaml")
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix("reviews.jsonl:1: error: profile 'p' names path 'people.agnt' (did you mean 'agent'?) that none of its first 2 records has\n"))
    }

    @Test func aHeaderWithoutAnyRequiredFieldIsNotAnAuditFile() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        try workspace.write("ticket;subject\nT-1;Refund\n", to: "tickets.csv")
        let output = try scoreCSV(workspace, "tickets.csv", "--delimiter", ";")
        #expect(output.status == 2)
        #expect(output.standardError.contains("tickets.csv:1: error: not an audit file: the header has none of the columns an audit needs (audit_id, interaction_id, agent, reviewer and date)"))
    }

    @Test func anUndecodableByteNamesLineAndColumnAndTheEncodingOption() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        // "Sofía" in Windows-1252 (í = 0xED), read as UTF-8: twice, yet listed once.
        try Self.native.data(using: .windowsCP1252)!.write(to: workspace.url("legacy.csv"))
        let output = try scoreCSV(workspace, "legacy.csv")
        #expect(output.status == 1)
        #expect(output.standardError.contains("legacy.csv:2:12: error: record skipped: invalid UTF-8 byte 0xED; save the file as UTF-8, or read it with --encoding windows-1252"))
        #expect(output.standardError.contains("1 more record rejected for the same reason as line 2 (the file is not UTF-8)"))
    }

    @Test func aDateThatMatchesNoFormatNamesTheFormatsTried() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        try workspace.write(Self.native.replacingOccurrences(of: "2025-10-20", with: "20/10/2025").replacingOccurrences(of: "2025-10-03", with: "Oct 3 2025"),
                            to: "dates.csv")
        let output = try scoreCSV(workspace, "dates.csv", "--date-format", "%d/%m/%Y", "--date-format", "%d.%m.%Y")
        #expect(output.status == 1)
        #expect(output.standardError.contains("dates.csv:3: error: audit 'A-2', field 'date': 'Oct 3 2025' matches none of the date formats '%d/%m/%Y', '%d.%m.%Y', nor qakit's own YYYY-MM-DD"))
        #expect(output.standardError.contains("scored 2 audits, rejected 1"))
    }

    @Test func aBrokenProfileStopsTheRunAndLintShowsItsErrors() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        try workspace.write(Self.native, to: "a.csv")
        try workspace.write("profile: p\nencodng: latin-1\n", to: "p.yaml")
        let output = try scoreCSV(workspace, "a.csv", "--profile", "p.yaml")
        #expect(output.status == 2)
        #expect(output.standardError.contains("p.yaml:2:1: error: unknown key 'encodng' in the profile; did you mean 'encoding'?"))
        #expect(output.standardOutput.isEmpty)
        let lint = try workspace.run(["lint", "p.yaml"])
        #expect(lint.status == 1)
        #expect(lint.standardError == "p.yaml:2:1: error: unknown key 'encodng' in the profile; did you mean 'encoding'?\n")
        #expect(lint.standardOutput == "1 profile checked: 1 error, 0 warnings\n")
    }

    /// `records` through nested arrays (docs/imports.md, "JSON and JSON Lines"): one record per
    /// rating; a path the rating lacks is its review's, then its conversation's (`ticket`); a key
    /// the rating has (`value`) is the rating's even when its review has one too. With `long`, the
    /// ratings pivot to the same three audits as the wide file. Only the paths the profile names
    /// are read (`agent: agent` names one), as a JSON record has no header.
    @Test func nestedRecordsPivotedByLongEqualTheWideFile() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        let expected = try nativeScores(workspace)
        try workspace.write("""
            {"conversations": [
              {"ticket": "I-1", "reviews": [
                {"id": "A-1", "agent": "Sofía Núñez", "by": "Rev One", "on": "2025-10-20", "value": "not an answer", "ratings": [
                  {"criterion": "greeting", "value": "yes"}, {"criterion": "accuracy", "value": 9.5},
                  {"criterion": "tone", "value": 4, "note": "Warm"}]}]},
              {"ticket": "I-2", "reviews": [
                {"id": "A-2", "agent": "Sofía Núñez", "by": "Rev One", "on": "2025-10-03", "ratings": [
                  {"criterion": "greeting", "value": "no"}, {"criterion": "accuracy", "value": 7},
                  {"criterion": "tone", "value": null, "skipped": true}]}]},
              {"ticket": "I-3", "reviews": [
                {"id": "A-3", "agent": "Ben Ode", "by": "Rev Two", "on": "2025-11-01", "ratings": [
                  {"criterion": "greeting", "value": "yes"}, {"criterion": "accuracy", "value": 10}]}]},
              {"ticket": "I-4", "reviews": []}
            ]}
            """, to: "reviews.json")
        try workspace.write("""
            profile: nested-long
            format: json
            records: conversations.reviews.ratings
            columns:
              interaction_id: ticket
              agent: agent
              reviewer: by
              date: on
            long:
              audit: id
              criterion: criterion
              value: value
              na: skipped
              comment: note

            """, to: "long.yaml")
        let output = try scoreCSV(workspace, "reviews.json", "--profile", "long.yaml")
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput == expected)
    }

    /// A records path whose key no element of an array has, and one that leads to a number: one
    /// error for the file naming the path (and a did-you-mean), exit 2, nothing written. Located
    /// (counted by hand in the one-line file): the first review `{"id"` is byte/column 62, the
    /// `1` of `"count": 1` column 11.
    @Test func aRecordsPathThatLeadsNowhereOrToANumberIsOneError() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        try workspace.write("""
            {"count": 1, "conversations": [{"ticket": "I-1", "reviews": [{"id": "A-1", "ratings": []}]}]}
            """, to: "reviews.json")
        try workspace.write("profile: p\nformat: json\nrecords: conversations.reviews.ratngs\nlong: { audit: id, criterion: c, value: v }\n", to: "typo.yaml")
        let typo = try scoreCSV(workspace, "reviews.json", "--profile", "typo.yaml")
        #expect(typo.status == 2)
        #expect(typo.standardOutput.isEmpty)
        #expect(typo.standardError.contains("reviews.json:1:62: error: records path 'conversations.reviews.ratngs': no element of 'conversations.reviews' has 'ratngs'; did you mean 'ratings'?"),
                "\(typo.standardError)")
        try workspace.write("profile: p\nformat: json\nrecords: count\n", to: "count.yaml")
        let count = try workspace.run(["kpis", "reviews.json", "--profile", "count.yaml"])
        #expect(count.status == 2)
        #expect(count.standardOutput.isEmpty)
        #expect(count.standardError.contains("reviews.json:1:11: error: records path 'count' holds a number; expected an array of records or one record object"),
                "\(count.standardError)")
    }

    /// `kpis` reads `format: json` with `%s` dates: T-1 opened at 1788253200 (2026-09-01T09:00:00Z)
    /// and first answered 120 s later → 2 minutes. T-2's `soon` is no UNIX time: that ticket is
    /// rejected with its value named (at its line in the file, 3), the rest still counted (1
    /// ticket), exit 1.
    @Test func jsonTicketsWithUnixSecondsAndOneThatIsNoNumber() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        try workspace.write("""
            {"items": [
              {"id": "T-1", "owner": "Ana", "opened": 1788253200, "stats": {"answered": "1788253320"}},
              {"id": "T-2", "owner": "Ana", "opened": "soon"}
            ]}
            """, to: "tickets.json")
        try workspace.write("""
            profile: unix-tickets
            format: json
            records: items
            columns: { ticket_id: id, agent: owner, created_at: opened, first_response_at: stats.answered }
            dates: ["%s"]

            """, to: "unix.yaml")
        let output = try workspace.run(["kpis", "tickets.json", "--profile", "unix.yaml", "--format", "json", "--by", "month"])
        #expect(output.status == 1, "\(output.standardError)")
        #expect(output.standardOutput.contains("\"key\": \"2026-09\""), "\(output.standardOutput)")
        #expect(output.standardOutput.contains("\"tickets\": 1"), "\(output.standardOutput)")
        #expect(output.standardOutput.contains("\"first_response_median\": 2"), "\(output.standardOutput)")
        #expect(output.standardError.contains("tickets.json:3: error: ticket 'T-2', field 'created_at'"), "\(output.standardError)")
        #expect(output.standardError.contains("'soon' matches none of the date formats '%s'"), "\(output.standardError)")
    }
}
