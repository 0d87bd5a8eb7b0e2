import Foundation
import ZIPFoundation

/// Writes an EPUB's ZIP container in memory (through ZIPFoundation): `mimetype` first and
/// stored, as the OCF specification asks, then the given entries deflated.
public enum EPUBContainerWriter {
    /// The container holding `entries` (path, bytes) after `mimetype` (`application/epub+zip`
    /// unless `mimetype` says otherwise; nil for none, to make a broken one).
    public static func write(entries: [(path: String, bytes: [UInt8])], mimetype: String? = "application/epub+zip") throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        if let mimetype {
            try add(Array(mimetype.utf8), path: "mimetype", compression: .none, to: archive)
        }
        for entry in entries {
            try add(entry.bytes, path: entry.path, compression: .deflate, to: archive)
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return [UInt8](data)
    }

    private static func add(_ bytes: [UInt8], path: String, compression: CompressionMethod, to archive: Archive) throws {
        let data = Data(bytes)
        try archive.addEntry(
            with: path,
            type: .file,
            uncompressedSize: Int64(data.count),
            modificationDate: Date(timeIntervalSince1970: 1_700_000_000),
            compressionMethod: compression
        ) { position, size in
            data.subdata(in: Int(position)..<(Int(position) + size))
        }
    }
}
