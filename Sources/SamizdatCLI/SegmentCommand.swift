import ArgumentParser
import Foundation
import SamizdatExtract
import SamizdatModel
import SamizdatText

extension Samizdat {
    struct Segment: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Segment one file locally, without services, and print what segmentation finds.",
            discussion: """
                A PDF (by its first bytes) is extracted through poppler first: its pages, their own labels and \
                every line's role (running head, page number, note, heading, body) come from the file's layout. \
                An EPUB is read from its spine: headings, paragraphs, notes by their links, and the printed pages \
                of its page list (none when it has none). \
                --format text prints the clean text as an outline with headings, page labels and notes; json \
                prints the whole SegmentedDocument.
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @Argument(help: "A text file, a PDF or an EPUB, or - for standard input.") var file: String
        @Option(help: "text or json.") var format: Format = .text
        @Option(help: "Input encoding: utf8, latin1, windows-1252.") var encoding: InputEncoding = .utf8

        func run() throws {
            let data: Data
            if file == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                guard let d = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
                data = d
            }
            let name = (file as NSString).lastPathComponent
            let bytes = [UInt8](data)
            let format = DocumentFormat.sniff(bytes)
            if format.isBinary {
                let segmented: SegmentedDocument
                do {
                    let extracted = try DocumentExtractor().extract(bytes, format: format)
                    segmented = try Segmenter().segment(
                        pages: extracted.pages,
                        id: "local",
                        version: 1,
                        contentHash: ContentHash.sha256(bytes),
                        metadata: DocumentMetadata(title: (name as NSString).deletingPathExtension, source: name)
                    )
                } catch { throw fail(error) }
                try show(segmented)
                return
            }
            let text: String
            do { text = try encoding.decode(data, maxBytes: Int.max) } catch { throw fail(error) }
            let doc = Document(
                id: "local",
                version: 1,
                contentHash: ContentHash.sha256(text),
                metadata: DocumentMetadata(title: (name as NSString).deletingPathExtension, source: name),
                text: text
            )
            let segmented: SegmentedDocument
            do { segmented = try Segmenter().segment(doc) } catch { throw fail(error) }
            try show(segmented)
        }

        private func show(_ segmented: SegmentedDocument) throws {
            switch format {
            case .json: try printJSON(segmented)
            case .text: print(OutlineRenderer.render(segmented))
            }
        }
    }
}

/// How the bytes of a file are read as text. Anything but UTF-8 is transcoded explicitly.
enum InputEncoding: String, ExpressibleByArgument, CaseIterable, Sendable {
    case utf8, latin1
    case windows1252 = "windows-1252"

    func decode(_ data: Data, maxBytes: Int) throws -> String {
        switch self {
        case .utf8: return try TextValidation.text(from: data, maxBytes: maxBytes)
        case .latin1, .windows1252:
            guard let bytes = utf8Bytes(data) else { throw ProtocolError(.invalidUTF8, "not valid \(rawValue)") }
            return try TextValidation.text(from: bytes, maxBytes: maxBytes)
        }
    }

    /// The UTF-8 bytes to send for a file.
    func utf8Bytes(_ data: Data) -> Data? {
        switch self {
        case .utf8: return data
        case .latin1: return Data(String(String.UnicodeScalarView(data.map { Unicode.Scalar($0) })).utf8)
        case .windows1252: return String(data: data, encoding: .windowsCP1252).map { Data($0.utf8) }
        }
    }
}
