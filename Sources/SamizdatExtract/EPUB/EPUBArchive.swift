import Foundation
import ZIPFoundation

/// An EPUB's ZIP container read in memory (through ZIPFoundation): its entries by path, each read
/// whole with its checksum verified. A container that is no ZIP, or an entry that will not
/// inflate, is `damaged_document`.
struct EPUBArchive {
    /// The most an entry may inflate to; an entry beyond it is refused rather than inflated.
    static let entryLimit = 64 * 1024 * 1024

    private let archive: Archive
    private let entries: [String: Entry]

    init(_ bytes: [UInt8]) throws(ExtractionError) {
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw ExtractionError.damagedDocument(reason: "the EPUB is not a readable ZIP container (\(error))")
        }
        var entries: [String: Entry] = [:]
        for entry in archive {
            entries[entry.path] = entry
        }
        guard !entries.isEmpty else { throw ExtractionError.damagedDocument(reason: "the EPUB's ZIP container has no entries") }
        self.entries = entries
    }

    func contains(_ path: String) -> Bool { entries[path] != nil }

    /// The bytes of the entry at `path`, or nil when there is none.
    func read(_ path: String) throws(ExtractionError) -> [UInt8]? {
        guard let entry = entries[path] else { return nil }
        guard entry.uncompressedSize <= UInt64(EPUBArchive.entryLimit) else {
            throw ExtractionError.damagedDocument(
                reason: "\(path) inflates to \(entry.uncompressedSize) bytes, over the \(EPUBArchive.entryLimit)-byte limit"
            )
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(entry.uncompressedSize))
        do {
            _ = try archive.extract(entry) { chunk in
                bytes.append(contentsOf: chunk)
                if bytes.count > EPUBArchive.entryLimit { throw ExtractionError.damagedDocument(reason: "\(path) inflates past its size") }
            }
        } catch {
            throw ExtractionError.damagedDocument(reason: "\(path) cannot be read from the ZIP container (\(error))")
        }
        return bytes
    }

    /// The bytes of the entry at `path`; its absence is `damaged_document` naming `what` it is.
    func require(_ path: String, what: String) throws(ExtractionError) -> [UInt8] {
        guard let bytes = try read(path) else {
            throw ExtractionError.damagedDocument(reason: "the EPUB has no \(what) (\(path))")
        }
        return bytes
    }
}
