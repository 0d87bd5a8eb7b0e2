/// Least-significant-digit radix sort of unsigned integer keys, 11 bits a pass over the low
/// `bits` bits (the others must be 0); passes whose digit is the same in every key are skipped.
/// Stable, O(passes · count): the n-gram report sorts millions of packed keys with it.
enum RadixSort {
    static let digitBits = 11

    static func sort<Key: FixedWidthInteger & UnsignedInteger>(_ keys: inout [Key], bits: Int) {
        if keys.count < 512 {
            keys.sort()
            return
        }
        let radix = 1 << digitBits
        let mask = Key(radix - 1)
        var scratch = [Key](repeating: 0, count: keys.count)
        var histogram = [Int](repeating: 0, count: radix)
        var shift = 0
        while shift < bits {
            for slot in 0..<radix {
                histogram[slot] = 0
            }
            keys.withUnsafeBufferPointer { source in
                histogram.withUnsafeMutableBufferPointer { counts in
                    for key in source {
                        counts[Int(truncatingIfNeeded: (key >> shift) & mask)] += 1
                    }
                }
            }
            if histogram.contains(keys.count) {
                shift += digitBits
                continue
            }
            var running = 0
            for slot in 0..<radix {
                let count = histogram[slot]
                histogram[slot] = running
                running += count
            }
            keys.withUnsafeBufferPointer { source in
                scratch.withUnsafeMutableBufferPointer { destination in
                    histogram.withUnsafeMutableBufferPointer { places in
                        for key in source {
                            let digit = Int(truncatingIfNeeded: (key >> shift) & mask)
                            destination[places[digit]] = key
                            places[digit] += 1
                        }
                    }
                }
            }
            swap(&keys, &scratch)
            shift += digitBits
        }
    }
}
