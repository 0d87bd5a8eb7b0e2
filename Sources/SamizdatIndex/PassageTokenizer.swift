import Foundation
import GRDB
import SamizdatText

/// The FTS5 tokenizer `samizdat`: the shared `Analyzer` plugged into SQLite, for the metadata
/// fields (title, author, doc, chapter); the body text is in postings of our own.
///
/// For documents it emits, for every word, the folded form and, colocated, `~` + its stem; a
/// hyphenated compound's joined form (and its stem) is colocated with the first part. For
/// queries it passes the text through split on spaces: queries are analyzed in Swift by
/// `QueryParser` and reach FTS5 as already-analyzed tokens, so index, queries and term
/// statistics share one analysis.
final class PassageTokenizer: FTS5CustomTokenizer {
    static let name = "samizdat"
    let analyzer = Analyzer()
    let capture: TokenCapture

    init(db: Database, arguments: [String]) throws {
        capture = TokenCapture.of(db)
    }

    func tokenize(
        context: UnsafeMutableRawPointer?,
        tokenization: FTS5Tokenization,
        pText: UnsafePointer<CChar>?,
        nText: Int32,
        tokenCallback: FTS5TokenCallback
    ) -> Int32 {
        guard let pText, nText > 0 else { return 0 }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pText).assumingMemoryBound(to: UInt8.self), count: Int(nText))
        if tokenization.contains(.query) {
            var k = 0
            while k < bytes.count {
                while k < bytes.count, bytes[k] == 0x20 { k += 1 }
                let s = k
                while k < bytes.count, bytes[k] != 0x20 { k += 1 }
                if k > s {
                    let rc = tokenCallback(context, 0, pText + s, Int32(k - s), Int32(s), Int32(k))
                    if rc != 0 { return rc }
                }
            }
            return 0
        }
        var rc: Int32 = 0
        var stemBuffer = [CChar](repeating: 0, count: 64)
        func emit(_ token: Token) {
            guard rc == 0 else { return }
            let flags: Int32 = token.isCompound ? FTS5TokenFlags.colocated.rawValue : 0
            var term = token.term
            rc = term.withUTF8 { t in
                t.withMemoryRebound(to: CChar.self) {
                    tokenCallback(context, flags, $0.baseAddress, Int32($0.count), Int32(token.start), Int32(token.end))
                }
            }
            guard rc == 0 else { return }
            let n = token.stem.utf8.count + 1
            if stemBuffer.count < n { stemBuffer = [CChar](repeating: 0, count: n) }
            stemBuffer[0] = 0x7E  // "~"
            var i = 1
            for b in token.stem.utf8 {
                stemBuffer[i] = CChar(bitPattern: b)
                i += 1
            }
            rc = stemBuffer.withUnsafeBufferPointer {
                tokenCallback(context, FTS5TokenFlags.colocated.rawValue, $0.baseAddress, Int32(n), Int32(token.start), Int32(token.end))
            }
        }
        analyzer.scan(utf8: bytes, cache: capture.stems, emit)
        return rc
    }
}
