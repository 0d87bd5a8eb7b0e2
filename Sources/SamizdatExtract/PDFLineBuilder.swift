import CPoppler

/// Cuts a page's text into lines, each with the box its characters cover and the size and weight
/// of its type. Poppler gives one rectangle per character of the page text (line breaks included)
/// and font runs over the same character indices.
enum PDFLineBuilder {
    static func lines(text: String, boxes: UnsafeBufferPointer<PopplerRectangle>, runs: [PDFFontRun]) -> [PDFTextLine] {
        var lines: [PDFTextLine] = []
        var scalars = String.UnicodeScalarView()
        var left = Double.infinity
        var top = Double.infinity
        var right = -Double.infinity
        var bottom = -Double.infinity
        var sizeWeights: [Double: Int] = [:]
        var leadingSize = 0.0
        var allBold = true
        var runIndex = 0
        var index = 0

        func finishLine() {
            defer {
                scalars = String.UnicodeScalarView()
                left = .infinity
                top = .infinity
                right = -.infinity
                bottom = -.infinity
                sizeWeights.removeAll(keepingCapacity: true)
                leadingSize = 0
                allBold = true
            }
            let text = PDFLineBuilder.clean(String(scalars))
            guard !text.isEmpty, left.isFinite else { return }
            let size = sizeWeights.max { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }?.key ?? 0
            // poppler may end a line at a wide gap (a justified line, a raised note marker): a piece on
            // the previous line's baseline, to its right, goes back on that line
            if let previous = lines.last, abs(previous.bottom - bottom) < max(size, previous.fontSize) * 0.4,
                left >= previous.right - 1, abs(size - previous.fontSize) < 0.6
            {
                lines[lines.count - 1].text += " " + text
                lines[lines.count - 1].right = max(previous.right, right)
                lines[lines.count - 1].top = min(previous.top, top)
                lines[lines.count - 1].bold = previous.bold && allBold
                return
            }
            lines.append(
                PDFTextLine(
                    text: text,
                    left: left,
                    top: top,
                    right: right,
                    bottom: bottom,
                    fontSize: size,
                    leadingSize: leadingSize,
                    bold: allBold
                )
            )
        }

        for scalar in text.unicodeScalars {
            defer { index += 1 }
            if scalar == "\n" {
                finishLine()
                continue
            }
            scalars.append(scalar)
            guard scalar != " " else { continue }
            while runIndex < runs.count, runs[runIndex].end < index { runIndex += 1 }
            if runIndex < runs.count, runs[runIndex].start <= index {
                let run = runs[runIndex]
                let rounded = (run.size * 10).rounded() / 10
                sizeWeights[rounded, default: 0] += 1
                if leadingSize == 0 { leadingSize = rounded }
                if !run.bold { allBold = false }
            }
            if index < boxes.count {
                let box = boxes[index]
                left = min(left, box.x1)
                top = min(top, box.y1)
                right = max(right, box.x2)
                bottom = max(bottom, box.y2)
            }
        }
        finishLine()
        return lines
    }

    /// Ligatures spelled out, a soft hyphen at a line end made a hyphen, spaces trimmed.
    static func clean(_ line: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in line.unicodeScalars {
            switch scalar.value {
            case 0xFB00: out.append(contentsOf: "ff".unicodeScalars)
            case 0xFB01: out.append(contentsOf: "fi".unicodeScalars)
            case 0xFB02: out.append(contentsOf: "fl".unicodeScalars)
            case 0xFB03: out.append(contentsOf: "ffi".unicodeScalars)
            case 0xFB04: out.append(contentsOf: "ffl".unicodeScalars)
            case 0xFB05, 0xFB06: out.append(contentsOf: "st".unicodeScalars)
            default: out.append(scalar)
            }
        }
        var text = String(out)
        while let last = text.unicodeScalars.last, last == " " || last == "\u{A0}" || last == "\r" { text.unicodeScalars.removeLast() }
        while let first = text.unicodeScalars.first, first == " " || first == "\u{A0}" || first == "\r" { text.unicodeScalars.removeFirst() }
        if let last = text.unicodeScalars.last, last == "\u{AD}" || last == "\u{2010}" {
            text.unicodeScalars.removeLast()
            text.unicodeScalars.append("-")
        }
        return text
    }
}
