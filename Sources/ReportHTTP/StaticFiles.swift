import Foundation

/// The stylesheet and script report serves under `/static/` (this target's `Static` resources),
/// read once. Nothing is fetched from elsewhere at run time.
public struct StaticFiles: Sendable {
    struct File: Sendable {
        var contents: Data
        var contentType: String
    }

    let files: [String: File]

    /// The files of this target's `Static` folder.
    public static let shared: StaticFiles = {
        do {
            return try StaticFiles(directory: Bundle.module.resourceURL!.appendingPathComponent("Static"))
        } catch {
            fatalError("report's static files cannot be read: \(error)")
        }
    }()

    public init(directory: URL) throws {
        var files: [String: File] = [:]
        for url in try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil) {
            files[url.lastPathComponent] = File(contents: try Data(contentsOf: url), contentType: Self.contentType(url.pathExtension))
        }
        self.files = files
    }

    static func contentType(_ fileExtension: String) -> String {
        switch fileExtension {
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        default: "application/octet-stream"
        }
    }
}
