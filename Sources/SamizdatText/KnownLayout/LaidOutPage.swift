/// One printed page whose layout is known: the label printed on it (the PDF's own page label,
/// "ix" or "13") and its lines in reading order.
public struct LaidOutPage: Sendable, Hashable {
    public var label: String
    public var lines: [LaidOutLine]

    public init(label: String, lines: [LaidOutLine]) {
        self.label = label
        self.lines = lines
    }
}
