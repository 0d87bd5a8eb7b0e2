import SamizdatModel
import Synchronization

/// The corpus table's last order for each column and direction. The documents change only as
/// texts are indexed, while the page and its live refresh sort the same list again and again,
/// and a comparison of titles as Finder orders them (`localizedStandardCompare`) creates a
/// locale each time: about a tenth of the page's time for 500 documents. A list that differs in
/// anything is sorted anew.
final class CorpusOrderCache: Sendable {
    static let shared = CorpusOrderCache()

    private struct Entry {
        var documents: [DocumentSummary]
        var sorted: [DocumentSummary]
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// `documents` in the order `sort` gives, remembered under `key` (the column and direction).
    func sorted(_ documents: [DocumentSummary], key: String, sort: ([DocumentSummary]) -> [DocumentSummary]) -> [DocumentSummary] {
        if let entry = entries.withLock({ $0[key] }), entry.documents == documents {
            return entry.sorted
        }
        let sorted = sort(documents)
        entries.withLock { $0[key] = Entry(documents: documents, sorted: sorted) }
        return sorted
    }
}
