/// The three kinds of text the generator writes.
public enum TextKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// A book extracted from PDF: hard-wrapped, paginated, chapters, endnotes at the back.
    case book
    /// A journal article: abstract and authors at the top, footnotes at page feet.
    case article
    /// Blog essays: several posts in one file, one paragraph per line, bracketed notes after each post.
    case blog
}
