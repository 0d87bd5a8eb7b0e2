/// The first places of a ranking without sorting all of it: candidates with a score (higher
/// first) and a rank that breaks ties (lower first, unique per candidate), as keywords and
/// collocates rank types.
///
/// When the places wanted are few beside the candidates, a bounded heap keeps the best ones
/// seen (O(n log k)); otherwise every candidate is sorted.
struct TopRanked {
    struct Candidate {
        var score: Double
        var rank: UInt32
        var type: UInt32
    }

    /// True when `first` ranks above `second`.
    static func precedes(_ first: Candidate, _ second: Candidate) -> Bool {
        first.score != second.score ? first.score > second.score : first.rank < second.rank
    }

    /// The best `wanted` of `candidates`, best first.
    static func best(_ candidates: [Candidate], wanted: Int) -> [Candidate] {
        guard wanted > 0 else {
            return []
        }
        guard wanted * 8 < candidates.count else {
            return Array(candidates.sorted(by: precedes).prefix(wanted))
        }
        var collector = Collector(wanted: wanted)
        for candidate in candidates {
            collector.offer(candidate)
        }
        return collector.best()
    }

    /// The best `wanted` candidates of those offered one by one, in a bounded heap whose root is
    /// the worst of the best kept so far. `excludes(bound:)` tells a caller that a candidate
    /// whose score cannot exceed a bound need not be scored exactly.
    struct Collector {
        let wanted: Int
        private var heap: [Candidate] = []

        init(wanted: Int) {
            self.wanted = max(0, wanted)
            heap.reserveCapacity(min(self.wanted, 1 << 16))
        }

        /// True when no candidate scoring at most `bound` can enter: the heap is full and its
        /// worst score is above `bound` by more than the rounding of either (a relative 1e−7:
        /// a bound sums terms much larger than a small G², so its rounding is generous).
        func excludes(bound: Double) -> Bool {
            guard wanted > 0 else {
                return true
            }
            guard heap.count == wanted else {
                return false
            }
            let worst = heap[0].score
            return bound + 1e-7 * max(1, abs(bound), abs(worst)) < worst
        }

        mutating func offer(_ candidate: Candidate) {
            if heap.count < wanted {
                heap.append(candidate)
                TopRanked.siftUp(&heap, from: heap.count - 1)
            } else if wanted > 0, TopRanked.precedes(candidate, heap[0]) {
                heap[0] = candidate
                TopRanked.siftDown(&heap, from: 0)
            }
        }

        /// The candidates kept, best first.
        func best() -> [Candidate] {
            heap.sorted(by: TopRanked.precedes)
        }
    }

    /// Moves the element at `index` up while it ranks below its parent.
    static func siftUp(_ heap: inout [Candidate], from index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(heap[parent], heap[child]) else {
                return
            }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    /// Moves the element at `index` down while a child ranks below it.
    static func siftDown(_ heap: inout [Candidate], from index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var worst = parent
            if left < heap.count, precedes(heap[worst], heap[left]) {
                worst = left
            }
            if right < heap.count, precedes(heap[worst], heap[right]) {
                worst = right
            }
            guard worst != parent else {
                return
            }
            heap.swapAt(parent, worst)
            parent = worst
        }
    }
}
