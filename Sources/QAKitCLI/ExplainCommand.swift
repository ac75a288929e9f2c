import ArgumentParser
import QAKit

/// `qakit explain --audit ID`: shows every step of one audit's score.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show every step from one audit's answers to its score, pass and band."
    )

    @OptionGroup var scorecardOptions: ScorecardOptions
    @OptionGroup var inputOptions: AuditInputOptions
    @OptionGroup var disputeOptions: DisputeOptions

    @Option(help: "The audit_id to explain.")
    var audit: String

    func run() throws {
        let scorecards = try scorecardOptions.load()
        let run = ScoringRun(scorecards: scorecards)
        // The audit's own problems are wanted, even when other records share them.
        run.reportsRepeatsOnce = false
        try disputeOptions.attach(to: run)
        var sources = try inputOptions.open(decoder: run.decoder)
        var found: ScoredAudit?
        var rejection: [Diagnostic] = []
        var seenIDs: [String] = []
        for index in sources.indices where found == nil {
            do {
                try run.run(&sources[index], scored: { scored in
                    if scored.audit.id == audit, found == nil { found = scored }
                    if seenIDs.count < 100_000 { seenIDs.append(scored.audit.id) }
                }, report: { diagnostic in
                    if diagnostic.auditID == audit { rejection.append(diagnostic) }
                })
            } catch let error as InputError {
                Terminal.print([error.diagnostic])
            }
        }
        let disputeProblems = disputeOptions.problems(of: audit, in: run)
        Terminal.print(disputeProblems)
        if let found {
            print(ScoreExplanation(found).text, terminator: "")
            if disputeProblems.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
            return
        }
        if let voided = run.disputes?.voided.first(where: { $0.auditID == audit }) {
            print("Audit \(audit) is void: dispute \(voided.disputeID) overturned it as a whole, so it is left out of scores "
                + "(its score with the reviewer's answers was \(voided.originalScore?.formatted() ?? "none"))")
            return
        }
        if !rejection.isEmpty {
            Terminal.print(rejection)
            Terminal.printError("qakit: error: audit '\(audit)' was rejected, so it has no score; fix the errors above")
            throw ExitCode(1)
        }
        Terminal.printError("qakit: error: no audit '\(audit)' in \(inputOptions.inputs.joined(separator: ", "))\(Suggestion.hint(for: audit, among: seenIDs))")
        throw ExitCode(1)
    }
}
