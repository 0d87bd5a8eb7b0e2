/// One unbreakable run of printed text (a word with its punctuation, a citation, a glued note
/// marker), with what it carries for the ground truth. Offsets are UTF-8 offsets into `text`.
struct ProseToken: Sendable {
    var text: String
    /// Where the sentence ends inside the token (after its stop and any closing quote), if it does.
    var sentenceEnd: Int?
    /// The last words of the sentence ending here, normalised.
    var sentenceTail: String = ""
    /// A note marker printed in the token: where it starts, its label, the word it follows.
    var marker: Marker?
    var citations: [Cited] = []
    /// A plain lowercase word the typesetter may break at a line end with a hyphen.
    var splittable = false
    /// A compound with its own hyphen ("well-known").
    var compound = false
    /// For a compound printed without its hyphen ("wellknown"), the word as written ("well-known").
    var lostHyphen: String?

    init(_ text: String) { self.text = text }

    struct Marker: Sendable {
        var offset: Int
        var label: String
        var anchor: String
        /// Index of the note in the writer's note list.
        var note: Int
    }

    struct Cited: Sendable {
        var start: Int
        var end: Int
        var authors: [String]
        var year: String?
        var pages: String?
        var ibid: Bool
    }
}
