import Foundation

/// The term page of a query that is one word (with `exact:` or `stem:` taken as the unit), or nil.
enum TermLink {
    static func href(query: String, documentID: String?) -> String? {
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        var word = trimmed
        var unit = ""
        for (prefix, name) in [("exact:", "form"), ("stem:", "stem")] where trimmed.hasPrefix(prefix) {
            word = String(trimmed.dropFirst(prefix.count))
            unit = name
        }
        guard !word.isEmpty, word.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "'" || $0 == "’" || $0 == "-" }) else {
            return nil
        }
        return "/term" + Figures.query([("q", word), ("doc", documentID ?? ""), ("unit", unit)])
    }
}
