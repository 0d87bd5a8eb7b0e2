extension RandomAccessCollection where Index == Int {
    /// The first index from `lowerBound` on whose element is not `before` — a binary search over
    /// elements partitioned so that every element `before` holds for comes first. With `before`
    /// "starts at or before x", the element holding x is the one just below the answer.
    @inlinable
    public func partitionPoint(from lowerBound: Int? = nil, _ before: (Element) -> Bool) -> Int {
        var low = lowerBound ?? startIndex
        var high = endIndex
        while low < high {
            let middle = (low + high) / 2
            if before(self[middle]) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }
}
