import Dispatch
import SamizdatModel

/// Radix sort of unsigned integer keys over their low `bits` bits (the others must be 0). Stable,
/// O(passes · count): the n-gram report sorts millions of packed keys with it.
///
/// Many keys are split first by their top 11 bits (one counting pass and one scatter), then two
/// threads each sort half of the buckets, each bucket by least-significant-digit passes of at
/// most 8 bits over the bits left, so that a bucket's passes stay in the cache. Fewer keys take
/// least-significant-digit passes of 11 bits over the whole array. Passes whose digit is the
/// same in every key are skipped.
enum RadixSort {
    static let digitBits = 11
    /// Digits of the passes inside one bucket.
    static let bucketDigitBits = 8
    /// From this many keys on, the buckets and two threads.
    static let bucketedThreshold = 1 << 18

    static func sort<Key: FixedWidthInteger & UnsignedInteger>(
        _ keys: inout [Key],
        bits: Int,
        bucketedFrom threshold: Int = bucketedThreshold
    ) {
        if keys.count < 512 {
            keys.sort()
            return
        }
        if keys.count >= threshold, bits > digitBits {
            sortInBuckets(&keys, bits: bits)
            return
        }
        var scratch = uninitialized(Key.self, count: keys.count)
        var histogram = [Int](repeating: 0, count: 1 << digitBits)
        let inScratch = keys.withUnsafeMutableBufferPointer { keys in
            scratch.withUnsafeMutableBufferPointer { scratch in
                histogram.withUnsafeMutableBufferPointer { histogram in
                    lsdPasses(keys, scratch, bits: bits, digitBits: digitBits, histogram: histogram)
                }
            }
        }
        if inScratch {
            swap(&keys, &scratch)
        }
    }

    /// Least-significant-digit passes over the low `bits` bits of `keys`, with `scratch` (as long)
    /// as the other buffer. Returns true when the sorted keys ended in `scratch`.
    static func lsdPasses<Key: FixedWidthInteger & UnsignedInteger>(
        _ keys: UnsafeMutableBufferPointer<Key>,
        _ scratch: UnsafeMutableBufferPointer<Key>,
        bits: Int,
        digitBits: Int,
        histogram: UnsafeMutableBufferPointer<Int>
    ) -> Bool {
        let radix = 1 << digitBits
        let mask = Key(radix - 1)
        var source = keys
        var destination = scratch
        var inScratch = false
        var shift = 0
        while shift < bits {
            for slot in 0..<radix {
                histogram[slot] = 0
            }
            for key in source {
                histogram[Int(truncatingIfNeeded: (key >> shift) & mask)] += 1
            }
            if histogram[Int(truncatingIfNeeded: (source[0] >> shift) & mask)] == source.count {
                shift += digitBits
                continue
            }
            var running = 0
            for slot in 0..<radix {
                let count = histogram[slot]
                histogram[slot] = running
                running += count
            }
            for key in source {
                let digit = Int(truncatingIfNeeded: (key >> shift) & mask)
                destination[histogram[digit]] = key
                histogram[digit] += 1
            }
            swap(&source, &destination)
            inScratch.toggle()
            shift += digitBits
        }
        return inScratch
    }

    /// An array of `count` keys left as the allocator gives them: every pass writes each place
    /// before any is read, so zeroing it first would only cost a pass.
    static func uninitialized<Key: FixedWidthInteger & UnsignedInteger>(_ keyType: Key.Type, count: Int) -> [Key] {
        [Key](unsafeUninitializedCapacity: count) { _, initialized in
            initialized = count
        }
    }

    /// The two buffers the bucket threads share (each writes only its own buckets).
    private struct Buffers<Key>: @unchecked Sendable {
        let keys: UnsafeMutableBufferPointer<Key>
        let scratch: UnsafeMutableBufferPointer<Key>
    }

    /// Splits the keys into buckets by their top `digitBits` bits, then sorts the buckets on two
    /// threads.
    static func sortInBuckets<Key: FixedWidthInteger & UnsignedInteger>(_ keys: inout [Key], bits: Int) {
        let lowBits = bits - digitBits
        let bucketCount = 1 << digitBits
        var starts = [Int](repeating: 0, count: bucketCount + 1)
        var scratch = uninitialized(Key.self, count: keys.count)
        keys.withUnsafeMutableBufferPointer { keys in
            scratch.withUnsafeMutableBufferPointer { scratch in
                for key in keys {
                    starts[Int(truncatingIfNeeded: key >> lowBits) + 1] += 1
                }
                for bucket in 0..<bucketCount {
                    starts[bucket + 1] += starts[bucket]
                }
                var next = starts
                for key in keys {
                    let bucket = Int(truncatingIfNeeded: key >> lowBits)
                    scratch[next[bucket]] = key
                    next[bucket] += 1
                }
                // two runs of buckets of about half the keys each
                let half = keys.count / 2
                let split = starts.partitionPoint { $0 < half }
                let runs = [0..<min(split, bucketCount), min(split, bucketCount)..<bucketCount]
                let buffers = Buffers(keys: keys, scratch: scratch)
                let bucketStarts = starts
                DispatchQueue.concurrentPerform(iterations: runs.count) { run in
                    let histogram = UnsafeMutableBufferPointer<Int>.allocate(capacity: 1 << bucketDigitBits)
                    defer {
                        histogram.deallocate()
                    }
                    for bucket in runs[run] {
                        sortBucket(buffers, bucketStarts[bucket]..<bucketStarts[bucket + 1], bits: lowBits, histogram: histogram)
                    }
                }
            }
        }
    }

    /// Sorts the bucket `range` of `buffers.scratch` on its low `bits` bits into the same range
    /// of `buffers.keys`.
    private static func sortBucket<Key: FixedWidthInteger & UnsignedInteger>(
        _ buffers: Buffers<Key>,
        _ range: Range<Int>,
        bits: Int,
        histogram: UnsafeMutableBufferPointer<Int>
    ) {
        guard !range.isEmpty else {
            return
        }
        var keys = UnsafeMutableBufferPointer(rebasing: buffers.keys[range])
        let scratch = UnsafeMutableBufferPointer(rebasing: buffers.scratch[range])
        if range.count < 64 {
            for index in 0..<range.count {
                keys[index] = scratch[index]
            }
            keys.sort()
            return
        }
        let passes = (bits + bucketDigitBits - 1) / bucketDigitBits
        let digit = (bits + passes - 1) / passes
        if !lsdPasses(scratch, keys, bits: bits, digitBits: digit, histogram: histogram) {
            for index in 0..<range.count {
                keys[index] = scratch[index]
            }
        }
    }
}
