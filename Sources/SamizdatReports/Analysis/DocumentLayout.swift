import SamizdatModel

/// Where a document's tokens stand: which block holds a token, which blocks a selection part
/// counts, which chapter holds a section, and the printed page of a token.
struct DocumentLayout {
    let document: AnalysisDocument
    /// Section index → the index of its chapter's section, −1 outside every chapter.
    let chapterOfSection: [Int32]
    /// The chapters' section indices, in document order.
    let chapters: [Int32]

    init(_ document: AnalysisDocument) {
        self.document = document
        let sections = document.sections
        let hasChapters = sections.contains { $0.kind == .chapter }
        var chapterOfSection = [Int32](repeating: -1, count: sections.count)
        var chapters: [Int32] = []
        for index in sections.indices {
            if Self.isChapter(sections[index], hasChapters: hasChapters) {
                chapters.append(Int32(index))
            }
            var current: Int? = index
            while let section = current {
                if Self.isChapter(sections[section], hasChapters: hasChapters) {
                    chapterOfSection[index] = Int32(section)
                    break
                }
                current = sections[section].parent
            }
        }
        self.chapterOfSection = chapterOfSection
        self.chapters = chapters
    }

    /// A chapter: a section of kind `.chapter`, or a top-level section when none is.
    static func isChapter(_ section: AnalysisSection, hasChapters: Bool) -> Bool {
        hasChapters ? section.kind == .chapter : section.parent == nil
    }

    /// The chapter (a section index) of a block's section, −1 for none.
    func chapter(ofSection section: Int32) -> Int32 {
        section >= 0 && Int(section) < chapterOfSection.count ? chapterOfSection[Int(section)] : -1
    }

    /// The index of the block holding `token`.
    func block(containing token: UInt32) -> Int {
        BlockMap.block(containing: token, in: document.blocks)
    }

    /// True when `block` is counted by a part with `sections` in `region`.
    static func includes(_ block: TextBlock, region: TextRegion, sections: Set<Int32>?) -> Bool {
        switch region {
        case .body:
            guard block.kind == .body else {
                return false
            }
        case .notes:
            guard block.kind == .note else {
                return false
            }
        case .all:
            break
        }
        guard let sections else {
            return true
        }
        return sections.contains(block.section)
    }

    /// The printed page of token `token` in block `block`: the note's page for a note, the page
    /// span holding the token's offset for the body; nil when unknown.
    func page(ofToken token: Int, inBlock block: TextBlock) -> String? {
        if block.kind == .note {
            let note = Int(block.index)
            guard note >= 0, note < document.notePages.count else {
                return nil
            }
            return document.notePages[note]
        }
        let offset = Int(document.offsets[token])
        let pages = document.pages
        let low = pages.partitionPoint { $0.start <= offset }
        guard low > 0 else {
            return nil
        }
        let span = pages[low - 1]
        guard offset < span.end, !span.label.isEmpty else {
            return nil
        }
        return span.label
    }

    /// The title of a section index, nil for −1.
    func title(ofSection section: Int32) -> String? {
        section >= 0 && Int(section) < document.sections.count ? document.sections[Int(section)].title : nil
    }
}
