import ArgumentParser
import QAKit

/// `--disputes FILE…`: dispute files whose decided outcome the scores use (docs/disputes.md).
struct DisputeOptions: ParsableArguments {
    @Option(parsing: .upToNextOption,
            help: "Dispute files (.csv, .tsv, .jsonl, .yaml): overturned criteria take new_answer, audits overturned as a whole are void.")
    var disputes: [String] = []

    /// Voided audits named one by one on standard error; the rest are counted (docs/disputes.md).
    static let listedVoids = 10

    /// Reads the dispute files into `run` (nothing without `--disputes`); a file that cannot be
    /// read at all stops the run before anything is scored (exit 2).
    func attach(to run: ScoringRun) throws {
        guard !disputes.isEmpty else { return }
        do {
            run.disputes = try DisputeBook(files: disputes)
        } catch {
            Terminal.print([error.diagnostic])
            throw ExitCode(2)
        }
    }

    /// After the last input: prints the disputes' problems, sorted by file and line, and a note
    /// per voided audit; `true` when a dispute record had an error (the run then exits 1).
    func finish(_ run: ScoringRun) -> Bool {
        guard let book = run.disputes else { return false }
        book.finish(decoder: run.decoder)
        Terminal.print(book.problems)
        for voided in book.voided.prefix(Self.listedVoids) {
            Terminal.printError("qakit: note: audit '\(voided.auditID)' is void: dispute '\(voided.disputeID)' overturned it as a whole, so it is left out of scores")
        }
        if book.voided.count > Self.listedVoids {
            Terminal.printError("qakit: note: \(book.voided.count - Self.listedVoids) more audits are void (qakit disputes lists them all)")
        }
        return book.hasErrors
    }

    /// `explain`: the problems of the disputes that name `auditID` only, after the last input.
    func problems(of auditID: String, in run: ScoringRun) -> [Diagnostic] {
        guard let book = run.disputes else { return [] }
        book.finish(decoder: run.decoder)
        let locations = Set(book.disputes.filter { $0.auditID == auditID }.map(\.location))
        return book.problems.filter { locations.contains("\($0.file):\($0.line ?? 0)") }
    }
}
