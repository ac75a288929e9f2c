/// What one ticket contributes to the KPIs, once its cells are read.
///
/// Every figure is optional: a blank cell, a column the file lacks and a cell in error all leave
/// it out, and only it, of the figures that need it (docs/kpis.md, "Bad input").
struct Ticket {
    /// When the ticket was opened; `nil` when missing or unreadable, which leaves the ticket out.
    var created: TicketTime?
    /// Minutes to the first agent reply, in nanoseconds.
    var firstResponse: Int64?
    /// Minutes from creation to solving, in nanoseconds. A ticket is solved exactly when it has
    /// one (`resolution_minutes` or `solved_at`); `status` is not used, because help desks
    /// disagree on its words.
    var resolution: Int64?
    var reopens: Int?
    var replies: Int?
    /// `true` for a satisfied rating (`good`, 4, 5), `false` for `bad` or 1–3, `nil` unrated.
    var isSatisfied: Bool?
    /// 0…10.
    var nps: Int?
    var isSLABreached: Bool?
    /// What was wrong, field by field, in column order.
    var problems: [(column: TicketColumn, message: String)] = []
}
