import Foundation
import SamizdatModel

/// Pieces of HTML the workbench pages share: escaping, a hit's printed location and its
/// highlighted snippet.
public enum HTMLPage {
    /// The text with every character HTML gives meaning to replaced by its entity.
    public static func escape(_ s: String) -> String {
        var text = s
        return text.withUTF8 { bytes in
            // a text with nothing to replace (most are) is returned as it is
            guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
                return s
            }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            for byte in bytes {
                switch byte {
                case 0x26: out.append(contentsOf: "&amp;".utf8)
                case 0x3C: out.append(contentsOf: "&lt;".utf8)
                case 0x3E: out.append(contentsOf: "&gt;".utf8)
                case 0x22: out.append(contentsOf: "&quot;".utf8)
                case 0x27: out.append(contentsOf: "&#39;".utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// "chapter 3 · p. 47 · ¶ 120" — where a hit is, in print; for a hit in a note
    /// "chapter 3 · note 4 (p. 296) · marker p. 14".
    public static func location(_ h: SearchHit) -> String {
        var parts: [String] = []
        if let c = h.chapter ?? h.section { parts.append(c) }
        if let note = h.note {
            parts.append("note \(note.label)" + (note.page.flatMap { $0.isEmpty ? nil : " (p. \($0))" } ?? ""))
            if let marker = note.markerPage, !marker.isEmpty { parts.append("marker p. \(marker)") }
            return parts.joined(separator: " · ")
        }
        if let p = h.page, !p.isEmpty { parts.append("p. \(p)") }
        parts.append("¶ \(h.paragraph + 1)")
        return parts.joined(separator: " · ")
    }

    /// The reader's anchor for a hit: its note (`#note-N`, numbered from 1 as the reader
    /// numbers them) or its paragraph (`#para-N`).
    public static func anchor(paragraph: Int, note: NoteReference?) -> String {
        note.map { "#note-\($0.index + 1)" } ?? "#para-\(paragraph)"
    }

    /// The snippet of a hit, escaped, each match in `<mark>`.
    public static func highlight(_ h: SearchHit) -> String {
        let text = h.snippetText
        let u = Array(text.utf8)
        var out = ""
        var pos = 0
        for m in h.snippetMatches.sorted(by: { $0.start < $1.start }) where m.start >= pos && m.end <= u.count {
            out += escape(String(decoding: u[pos..<m.start], as: UTF8.self))
            out += "<mark>" + escape(String(decoding: u[m.start..<m.end], as: UTF8.self)) + "</mark>"
            pos = m.end
        }
        out += escape(String(decoding: u[pos...], as: UTF8.self))
        return out
    }
}
