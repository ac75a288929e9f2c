import Foundation
import ArgumentParser
import QAKit
import QAKitSpreadsheet

/// `qakit worksheet`: an .xlsx workbook for reviewers to fill in (docs/spreadsheets.md).
struct WorksheetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worksheet",
        abstract: "Write an .xlsx worksheet for reviewers: a row per interaction, a dropdown per criterion.",
        discussion: """
        The sheet is named after the scorecard; its header holds the audit columns (audit_id, \
        interaction_id, agent, reviewer, date, scorecard, the interactions' other columns, each \
        criterion and <id>.comment, comment), each criterion's header has its guidance as a note, \
        and each answer column a dropdown or range of the valid answers. Filled in and saved, it \
        scores as it is: qakit score audits.xlsx. -o FILE.xlsx is required: a workbook is never \
        written to standard output. Exit status: 0 written, 1 written with skipped \
        interaction records, 2 bad arguments, unreadable input or a missing column (nothing \
        written). See docs/spreadsheets.md.
        """
    )

    @OptionGroup var scorecardOptions: ScorecardOptions

    @Option(help: "The scorecard to lay out, by id, when -s loads several.")
    var scorecard: String?

    @Option(help: "Interactions to audit (.csv, .tsv, .jsonl, .ndjson), such as qakit sample output, with interaction_id and agent columns; without it, \(ReviewWorksheet.blankRowCount) empty rows.")
    var interactions: String?

    /// How --interactions is read: `--input-format`, `--profile` and the one-run options.
    @OptionGroup var importOptions: ImportOptions

    private var inputFormat: InteractionFormat? {
        importOptions.inputFormat.flatMap { InteractionFormat(rawValue: $0.rawValue) }
    }

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        guard let output = outputOptions.output else { throw ValidationError("say where to write the workbook: -o FILE.xlsx") }
        guard output.lowercased().hasSuffix(".xlsx"), output.count > 5 else {
            throw ValidationError("-o must name an .xlsx file (the worksheet is an Excel workbook), found '\(output)'")
        }
        if let given = importOptions.inputFormat, inputFormat == nil {
            throw ValidationError("--interactions is read as csv, tsv or jsonl, not \(given.rawValue)")
        }
        if let interactions, inputFormat == nil, InteractionFormat.inferred(from: interactions) == nil {
            throw ValidationError("cannot tell the format of '\(interactions)' from its extension (.csv, .tsv, .jsonl, .ndjson); use --input-format csv|tsv|jsonl")
        }
    }

    func run() throws {
        let chosen = try chooseScorecard(from: try scorecardOptions.load())
        let target = try outputOptions.open()
        var table: InteractionTable?
        let profile = try importOptions.load()
        if let interactions {
            do {
                table = try InteractionTable.read(InteractionInput(path: interactions, format: inputFormat ?? InteractionFormat.inferred(from: interactions)!,
                                                                   profile: profile))
            } catch {
                Terminal.print([error.diagnostic])
                Terminal.printError("qakit: error: no worksheet written")
                throw ExitCode(2)
            }
        }
        Terminal.print(table?.rejections ?? [])
        let worksheet = ReviewWorksheet(scorecard: chosen, interactions: table)
        let bytes: [UInt8]
        do {
            bytes = try WorksheetWriter.bytes(for: worksheet)
        } catch {
            Terminal.printError("qakit: error: cannot assemble the workbook: \(error)")
            throw ExitCode(2)
        }
        // The sink takes bytes as they are; the zip is not text, but nothing here decodes it.
        try bytes.withUnsafeBufferPointer { try target.sink.write(utf8: $0) }
        try target.commit()
        let rows = table.map { "\($0.rows.count) interaction\($0.rows.count == 1 ? "" : "s")" } ?? "\(ReviewWorksheet.blankRowCount) empty rows"
        Terminal.printError("qakit: wrote worksheet '\(worksheet.sheetName)' for scorecard '\(chosen.id)' with \(rows) to \(outputOptions.output!)")
        if let table, !table.rejections.isEmpty {
            Terminal.printError("qakit: \(table.rejections.count) interaction record\(table.rejections.count == 1 ? "" : "s") skipped")
            throw ExitCode(1)
        }
    }

    /// The scorecard `--scorecard` names, or the only one loaded; of an id with several
    /// versions, the one in force today (docs/versions.md), as reviewers fill the sheet in now.
    private func chooseScorecard(from scorecards: [Scorecard]) throws -> Scorecard {
        let versions = ScorecardVersions(scorecards)
        let today = Int((Date().timeIntervalSince1970 / 86_400).rounded(.down))
        let current = versions.ids.indices.map { ordinal in
            scorecards[versions.inForce(ordinal: ordinal, day: today) ?? versions.latest(ordinal: ordinal)]
        }
        let ids = versions.ids.sorted()
        if let scorecard {
            if let found = current.first(where: { $0.id == scorecard }) { return found }
            Terminal.printError("qakit: error: no scorecard '\(scorecard)' among \(ids.joined(separator: ", "))\(Suggestion.hint(for: scorecard, among: ids))")
            throw ExitCode(2)
        }
        guard current.count == 1 else {
            Terminal.printError("qakit: error: -s loaded \(current.count) scorecards (\(ids.joined(separator: ", "))); choose one with --scorecard ID")
            throw ExitCode(2)
        }
        return current[0]
    }
}
