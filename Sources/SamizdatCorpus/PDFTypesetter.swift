/// A small PDF writer for documents with known answers: pages of positioned text runs in the
/// standard Courier and Helvetica-Bold faces (WinAnsi encoding, nothing embedded), page labels in
/// the catalogue (`PageLabels`), one content stream per page and an exact cross-reference table.
public struct PDFTypesetter: Sendable {
    public enum Face: String, Sendable {
        case courier = "F1"
        case helveticaBold = "F2"
    }

    /// A run of text set from `x` on the baseline `y` (points from the top of the page).
    public struct Run: Sendable {
        public var text: String
        public var face: Face
        public var size: Double
        public var x: Double
        public var y: Double
        /// Extra space after each space character (justification), in points.
        public var wordSpacing: Double
        /// Raise above the baseline (superscripts), in points.
        public var rise: Double

        public init(text: String, face: Face, size: Double, x: Double, y: Double, wordSpacing: Double = 0, rise: Double = 0) {
            self.text = text
            self.face = face
            self.size = size
            self.x = x
            self.y = y
            self.wordSpacing = wordSpacing
            self.rise = rise
        }
    }

    /// A page-label range: from page `start` (0-based) on, numbered in `style` ("r" lowercase
    /// roman, "D" arabic) from `first`.
    public struct LabelRange: Sendable {
        public var start: Int
        public var style: String
        public var first: Int

        public init(start: Int, style: String, first: Int = 1) {
            self.start = start
            self.style = style
            self.first = first
        }
    }

    public var width: Double
    public var height: Double

    public init(width: Double = 432, height: Double = 648) {
        self.width = width
        self.height = height
    }

    /// The advance of `text` in Courier at `size` (every glyph is 600/1000 em).
    public static func courierWidth(_ text: String, size: Double) -> Double {
        Double(text.unicodeScalars.count) * size * 0.6
    }

    /// The PDF's bytes.
    public func document(pages: [[Run]], labels: [LabelRange]) -> [UInt8] {
        var out: [UInt8] = Array("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        func object(_ body: [UInt8]) {
            offsets.append(out.count)
            out += Array("\(offsets.count) 0 obj\n".utf8)
            out += body
            out += Array("\nendobj\n".utf8)
        }
        let pageObjectBase = 5
        let kids = (0..<pages.count).map { "\(pageObjectBase + 2 * $0) 0 R" }.joined(separator: " ")
        let nums = labels.map { "\($0.start) << /S /\($0.style) /St \($0.first) >>" }.joined(separator: " ")
        let pageLabels = labels.isEmpty ? "" : " /PageLabels << /Nums [\(nums)] >>"
        object(Array("<< /Type /Catalog /Pages 2 0 R\(pageLabels) >>".utf8))
        object(Array("<< /Type /Pages /Kids [\(kids)] /Count \(pages.count) >>".utf8))
        object(Array("<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>".utf8))
        object(Array("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>".utf8))
        for (index, runs) in pages.enumerated() {
            let contentObject = pageObjectBase + 2 * index + 1
            object(
                Array(
                    ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(number(width)) \(number(height))] "
                        + "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents \(contentObject) 0 R >>").utf8
                )
            )
            let stream = content(runs)
            object(Array("<< /Length \(stream.count) >>\nstream\n".utf8) + stream + Array("\nendstream".utf8))
        }
        let xref = out.count
        out += Array("xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n".utf8)
        for offset in offsets {
            let digits = String(offset)
            out += Array((String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n").utf8)
        }
        out += Array("trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        return out
    }

    private func content(_ runs: [Run]) -> [UInt8] {
        var out: [UInt8] = []
        for run in runs {
            out += Array("BT /\(run.face.rawValue) \(number(run.size)) Tf \(number(run.wordSpacing)) Tw \(number(run.rise)) Ts ".utf8)
            out += Array("1 0 0 1 \(number(run.x)) \(number(height - run.y)) Tm (".utf8)
            out += PDFTypesetter.encode(run.text)
            out += Array(") Tj ET\n".utf8)
        }
        return out
    }

    private func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// The text as a PDF literal string's bytes in WinAnsi encoding (curly quotes and dashes at
    /// their WinAnsi codes, Latin-1 as itself, anything else as "?").
    static func encode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        for scalar in text.unicodeScalars {
            var code: UInt32
            switch scalar.value {
            case 0x2018: code = 0x91
            case 0x2019: code = 0x92
            case 0x201C: code = 0x93
            case 0x201D: code = 0x94
            case 0x2013: code = 0x96
            case 0x2014: code = 0x97
            case 0x20...0x7E, 0xA0...0xFF: code = scalar.value
            default: code = 0x3F
            }
            if code == 0x28 || code == 0x29 || code == 0x5C {
                out.append(0x5C)
                out.append(UInt8(code))
            } else if code >= 0x80 {
                out += Array("\\\(String(code, radix: 8))".utf8)
            } else {
                out.append(UInt8(code))
            }
        }
        return out
    }
}
