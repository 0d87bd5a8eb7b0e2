/// One document's tokens grouped by type under one counting unit: for each type present, its
/// count and the ascending token indices where it occurs (a compressed sparse row layout).
///
/// Built once per document and unit (`AnalysisDocument.typeIndex(_:)`), in one counting sort
/// over the document's tokens.
public struct TypeIndex: Sendable {
    /// The types present, ascending.
    public let types: [UInt32]
    /// `starts[i]..<starts[i + 1]` is the range of `positions` holding `types[i]`'s tokens.
    public let starts: [UInt32]
    /// Token indices, grouped by type, ascending within a type.
    public let positions: [UInt32]

    /// Groups `forms` by the type `typeOfForm` gives each form (type ids below `typeCount`).
    public init(forms: [UInt32], typeOfForm: [UInt32], typeCount: Int) {
        // dense counts over every type, then the present ones in ascending order
        var counts = [UInt32](repeating: 0, count: typeCount)
        var typesOfTokens = [UInt32](repeating: 0, count: forms.count)
        var sortedTypes: [UInt32] = []
        for (token, form) in forms.enumerated() {
            let type = typeOfForm[Int(form)]
            typesOfTokens[token] = type
            if counts[Int(type)] == 0 {
                sortedTypes.append(type)
            }
            counts[Int(type)] &+= 1
        }
        sortedTypes.sort()
        var starts = [UInt32](repeating: 0, count: sortedTypes.count + 1)
        var running: UInt32 = 0
        for (slot, type) in sortedTypes.enumerated() {
            starts[slot] = running
            running &+= counts[Int(type)]
            // from here on, `counts` holds each type's next free place in `positions`
            counts[Int(type)] = starts[slot]
        }
        starts[sortedTypes.count] = running
        var positions = [UInt32](repeating: 0, count: forms.count)
        for (token, type) in typesOfTokens.enumerated() {
            positions[Int(counts[Int(type)])] = UInt32(token)
            counts[Int(type)] &+= 1
        }
        self.types = sortedTypes
        self.starts = starts
        self.positions = positions
    }

    /// The slot of `type` in `types`, or nil when the document does not hold it.
    public func slot(of type: UInt32) -> Int? {
        let slot = types.partitionPoint { $0 < type }
        return slot < types.count && types[slot] == type ? slot : nil
    }

    /// How often `type` occurs in the document.
    public func count(of type: UInt32) -> Int {
        guard let slot = slot(of: type) else {
            return 0
        }
        return Int(starts[slot + 1] - starts[slot])
    }

    /// The count of the type in `slot`.
    public func count(atSlot slot: Int) -> Int {
        Int(starts[slot + 1] - starts[slot])
    }

    /// The token indices of `type`, ascending (empty when absent).
    public func positions(of type: UInt32) -> ArraySlice<UInt32> {
        guard let slot = slot(of: type) else {
            return []
        }
        return positions[Int(starts[slot])..<Int(starts[slot + 1])]
    }
}
