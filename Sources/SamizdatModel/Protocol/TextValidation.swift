import Foundation

/// Checks an ingest body before anything is stored: the named refusals of docs/PROTOCOL.md.
public enum TextValidation {
    /// Longest title, author, source or external id accepted, in bytes.
    public static let maxMetadataBytes = 4096

    /// The text of a body frame, or the reason it is refused.
    public static func text(from body: Data, maxBytes: Int) throws(ProtocolError) -> String {
        guard body.count <= maxBytes else {
            throw ProtocolError(.tooLarge, "text is \(body.count) bytes; the limit is \(maxBytes)")
        }
        // one pass over contiguous bytes: memchr for NUL, the standard library's UTF-8 validation
        // (byte-wise decoding through Data's iterator cost a third of ingest's CPU)
        let checked = body.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Result<String, ProtocolError> in
            let bytes = raw.bindMemory(to: UInt8.self)
            if let base = bytes.baseAddress, let hit = memchr(base, 0, bytes.count) {
                let nul = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                return .failure(ProtocolError(.binaryContent, "text holds a NUL byte: binary content is not text", offset: nul))
            }
            if let valid = String(validating: bytes, as: UTF8.self) {
                return .success(valid)
            }
            let bad = firstInvalidUTF8(bytes) ?? 0
            return .failure(
                ProtocolError(
                    .invalidUTF8,
                    "text is not valid UTF-8 (first bad byte at offset \(bad)); transcode it first, e.g. samizdat ingest --encoding latin1",
                    offset: bad
                )
            )
        }
        let text: String
        switch checked {
        case .success(let valid): text = valid
        case .failure(let refusal): throw refusal
        }
        if text.allSatisfy({ $0.isWhitespace }) {
            throw ProtocolError(.emptyText, body.isEmpty ? "text is empty" : "text is only whitespace")
        }
        return text
    }

    /// Metadata fields must be short and free of control characters other than tab.
    public static func check(_ header: IngestHeader) throws(ProtocolError) {
        for (name, value) in [("title", header.title), ("author", header.author), ("source", header.source), ("external_id", header.externalID)] {
            guard let value else { continue }
            if value.utf8.count > maxMetadataBytes {
                throw ProtocolError(.badMetadata, "\(name) is over \(maxMetadataBytes) bytes")
            }
            if value.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" }) {
                throw ProtocolError(.badMetadata, "\(name) holds control characters")
            }
        }
        if let e = header.externalID, e.isEmpty { throw ProtocolError(.badMetadata, "external_id is empty") }
    }

    /// Byte offset of the first byte that does not start or continue a valid UTF-8 sequence.
    public static func firstInvalidUTF8<D: Collection>(_ bytes: D) -> Int? where D.Element == UInt8 {
        var it = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s): offset += UTF8.width(s)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
