import Foundation
import Mustache

/// The page templates (Mustache files shipped as resources of this target), compiled once.
/// Every `{{value}}` is HTML-escaped; the few `{{{markup}}}` slots take HTML built and escaped in Swift.
public struct Templates: Sendable {
    let library: MustacheLibrary

    /// The templates of this target's `Templates` folder.
    public static let shared: Templates = {
        do {
            return try Templates(directory: Bundle.module.resourceURL!.appendingPathComponent("Templates"))
        } catch {
            fatalError("report's page templates do not parse: \(error)")
        }
    }()

    /// Compiles every `.mustache` file of `directory`, named by its file name without extension.
    public init(directory: URL) throws {
        var library = MustacheLibrary()
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        for file in files where file.pathExtension == "mustache" {
            let text = try String(contentsOf: file, encoding: .utf8)
            try library.register(text, named: file.deletingPathExtension().lastPathComponent)
        }
        self.library = library
    }

    /// The page `name` rendered over `context`.
    public func render(_ context: Any, page name: String) -> String {
        guard let text = library.render(context, withTemplate: name) else {
            preconditionFailure("no template named \(name)")
        }
        return text
    }
}
