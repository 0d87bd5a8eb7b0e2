/// A document's words as the postings' analysis met them while it was written, handed to the
/// reports' analysis (`AnalysisCorpusCache`) so that it need not scan the stored text again:
/// each word (a compound's joined form left out) as its form id in the reports' vocabulary and
/// its UTF-8 offset in its paragraph, paragraph by paragraph in store order (the body's, then
/// one per note).
struct DocumentTokens: Sendable {
    /// Form ids in the reports' vocabulary (`AnalysisVocabularyBuilder`), word by word.
    var forms: [UInt32] = []
    /// Each word's UTF-8 offset from the start of its paragraph.
    var offsets: [UInt32] = []
    /// Where each paragraph's words begin in `forms`, then the end of the last: one more value
    /// than there are paragraphs.
    var paragraphStarts: [Int32] = [0]
    /// Paragraphs of the body; the notes' follow, one each, in the order of the notes.
    var bodyParagraphs = 0

    /// Paragraphs held (body and notes).
    var paragraphCount: Int { paragraphStarts.count - 1 }

    /// The words of paragraph `index` (body first, then notes) as a range of `forms`, else nil.
    func words(ofParagraph index: Int) -> Range<Int>? {
        guard index >= 0, index < paragraphCount else {
            return nil
        }
        return Int(paragraphStarts[index])..<Int(paragraphStarts[index + 1])
    }
}
