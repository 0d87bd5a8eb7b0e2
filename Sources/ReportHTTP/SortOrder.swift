/// Ascending or descending, as the `order` parameter of sortable tables spells it.
public enum SortOrder: String, Sendable, CaseIterable {
    case ascending = "asc"
    case descending = "desc"

    /// The other direction.
    public var reversed: SortOrder {
        self == .ascending ? .descending : .ascending
    }
}
