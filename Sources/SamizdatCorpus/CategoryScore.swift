/// Precision, recall and F1 of one kind of decision, from counts.
///
/// `precision = matched / found` and `recall = matched / truth`; with nothing found, precision is
/// 1 if there was nothing to find and 0 otherwise; with nothing to find, recall is 1.
public struct CategoryScore: Codable, Sendable, Hashable {
    /// Items in the ground truth.
    public private(set) var truth: Int
    /// Items the segmenter produced that this category judges.
    public private(set) var found: Int
    /// Found items that match a truth item (one-to-one).
    public private(set) var matched: Int
    /// Of the matched items, those that also agree on a secondary property (artifact kind,
    /// heading kind and level); nil when the category has none.
    public private(set) var agreeing: Int?
    public private(set) var precision: Double
    public private(set) var recall: Double
    public private(set) var f1: Double

    public init(truth: Int, found: Int, matched: Int, agreeing: Int? = nil) {
        self.truth = truth
        self.found = found
        self.matched = matched
        self.agreeing = agreeing
        precision = found > 0 ? Double(matched) / Double(found) : (truth == 0 ? 1 : 0)
        recall = truth > 0 ? Double(matched) / Double(truth) : 1
        f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
    }

    /// Counts summed (micro-average over documents).
    public static func + (a: CategoryScore, b: CategoryScore) -> CategoryScore {
        let agreeing: Int? = a.agreeing == nil && b.agreeing == nil ? nil : (a.agreeing ?? 0) + (b.agreeing ?? 0)
        return CategoryScore(truth: a.truth + b.truth, found: a.found + b.found, matched: a.matched + b.matched, agreeing: agreeing)
    }

    public static let empty = CategoryScore(truth: 0, found: 0, matched: 0)
}
