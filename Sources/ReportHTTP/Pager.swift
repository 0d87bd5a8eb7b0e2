/// Previous / next links over a paged list, and where this page stands in it.
struct Pager: Sendable {
    var from: String
    var to: String
    var total: String
    var previousHref: String?
    var nextHref: String?
    var hasPages: Bool

    /// `link` makes the address of the page starting at an offset.
    init(offset: Int, limit: Int, shown: Int, total: Int, link: (Int) -> String) {
        from = Figures.grouped(shown == 0 ? 0 : offset + 1)
        to = Figures.grouped(offset + shown)
        self.total = Figures.grouped(total)
        previousHref = offset > 0 ? link(max(0, offset - limit)) : nil
        nextHref = offset + limit < total ? link(offset + limit) : nil
        hasPages = previousHref != nil || nextHref != nil
    }
}
