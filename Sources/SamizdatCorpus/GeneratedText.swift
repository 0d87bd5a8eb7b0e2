/// One generated text and its truth; `name` is the file name stem ("doc_00012").
public struct GeneratedText: Sendable, Hashable {
    public var name: String
    public var kind: TextKind
    public var text: String
    public var truth: GroundTruth
    public init(name: String, kind: TextKind, text: String, truth: GroundTruth) {
        self.name = name
        self.kind = kind
        self.text = text
        self.truth = truth
    }
}
