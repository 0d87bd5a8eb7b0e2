/// A column heading of a table sorted by one measure at a time, descending: its label, what it
/// means, the link that sorts by it (nil when it does not sort) and its `aria-sort` state.
struct SortHeader: Sendable {
    var label: String
    var title: String
    var href: String?
    var ariaSort: String
}
