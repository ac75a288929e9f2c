/// The running counts of one group of tickets, from which its `KPIFigures` are worked out.
///
/// Memory grows with the durations kept for the medians and 90th percentiles (8 bytes per
/// ticket with a first response, 8 per solved ticket), not with anything else a ticket holds.
struct KPITally {
    var tickets = 0
    /// First-response times in nanoseconds, in reading order.
    var firstResponses: [Int64] = []
    /// Resolution times of solved tickets in nanoseconds.
    var resolutions: [Int64] = []
    /// Solved tickets with a `replies` value, and those of them with exactly one reply.
    var solvedWithReplies = 0
    var oneTouch = 0
    /// Solved tickets with a `reopens` value, and those of them reopened at least once.
    var solvedWithReopens = 0
    var reopened = 0
    var rated = 0
    var satisfied = 0
    var npsResponses = 0
    var promoters = 0
    var detractors = 0
    var slaKnown = 0
    var slaMet = 0

    /// Counts `ticket` in.
    mutating func add(_ ticket: Ticket) {
        tickets += 1
        if let firstResponse = ticket.firstResponse { firstResponses.append(firstResponse) }
        if let resolution = ticket.resolution {
            resolutions.append(resolution)
            if let replies = ticket.replies {
                solvedWithReplies += 1
                if replies == 1 { oneTouch += 1 }
            }
            if let reopens = ticket.reopens {
                solvedWithReopens += 1
                if reopens > 0 { reopened += 1 }
            }
        }
        if let isSatisfied = ticket.isSatisfied {
            rated += 1
            if isSatisfied { satisfied += 1 }
        }
        if let nps = ticket.nps {
            npsResponses += 1
            if nps >= 9 { promoters += 1 } else if nps <= 6 { detractors += 1 }
        }
        if let isSLABreached = ticket.isSLABreached {
            slaKnown += 1
            if !isSLABreached { slaMet += 1 }
        }
    }

    /// Counts in every ticket of `other`, as if they had been read here.
    mutating func add(_ other: KPITally) {
        tickets += other.tickets
        firstResponses += other.firstResponses
        resolutions += other.resolutions
        solvedWithReplies += other.solvedWithReplies
        oneTouch += other.oneTouch
        solvedWithReopens += other.solvedWithReopens
        reopened += other.reopened
        rated += other.rated
        satisfied += other.satisfied
        npsResponses += other.npsResponses
        promoters += other.promoters
        detractors += other.detractors
        slaKnown += other.slaKnown
        slaMet += other.slaMet
    }

    /// The figures, exactly; reorders the kept durations.
    mutating func figures(key: String) -> KPIFigures {
        KPIFigures(
            key: key, tickets: tickets,
            firstResponseMedian: Self.median(&firstResponses), firstResponseP90: Self.percentile90(&firstResponses),
            resolutionMedian: Self.median(&resolutions), resolutionP90: Self.percentile90(&resolutions),
            oneTouchRate: Self.share(oneTouch, of: solvedWithReplies), reopenRate: Self.share(reopened, of: solvedWithReopens),
            csat: Self.share(satisfied, of: rated), csatResponses: rated,
            nps: npsResponses == 0 ? nil : Rational(Int128(100 * (promoters - detractors)), Int128(npsResponses)),
            npsResponses: npsResponses,
            slaMetRate: Self.share(slaMet, of: slaKnown),
            values: [key], firstResponseCount: firstResponses.count, solvedCount: resolutions.count,
            solvedWithRepliesCount: solvedWithReplies, solvedWithReopensCount: solvedWithReopens, slaCount: slaKnown)
    }

    /// The median of nanoseconds, in minutes: the middle value, or the mean of the two middle
    /// values for an even count.
    static func median(_ values: inout [Int64]) -> Rational? {
        guard !values.isEmpty else { return nil }
        let middle = values.count / 2
        let upper = Int128(Selection.smallest(middle + 1, in: &values))
        if values.count % 2 == 1 { return Rational(upper, TicketDecoder.nanosecondsPerMinute) }
        // After the selection everything before `middle` is no larger: the lower middle is their maximum.
        let lower = Int128(values[..<middle].max()!)
        return Rational(lower + upper, 2 * TicketDecoder.nanosecondsPerMinute)
    }

    /// The 90th percentile by nearest rank, in minutes: the ⌈0.9·n⌉-th smallest value.
    static func percentile90(_ values: inout [Int64]) -> Rational? {
        guard !values.isEmpty else { return nil }
        let rank = (9 * values.count + 9) / 10
        return Rational(Int128(Selection.smallest(rank, in: &values)), TicketDecoder.nanosecondsPerMinute)
    }

    static func share(_ part: Int, of whole: Int) -> Rational? {
        whole == 0 ? nil : Rational(Int128(part), Int128(whole))
    }
}
