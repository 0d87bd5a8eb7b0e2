import CLibXML2

/// Parses XML and HTML through libxml2 (linked as a system library) into `MarkupNode` trees.
/// Never reads the network or an external entity; a document libxml2 recovers from is read as
/// recovered, one it cannot read at all is `damaged_document`.
public enum MarkupParser {
    /// An XML document (an EPUB's container, package or navigation file).
    public static func xml(_ bytes: [UInt8], name: String) throws(ExtractionError) -> MarkupElement {
        MarkupParser.initialized
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_RECOVER.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { characters in
                    xmlReadMemory(characters, Int32(buffer.count), name, "UTF-8", options)
                }
            }
        }
        return try root(of: document, name: name)
    }

    /// An HTML or XHTML document, read as browsers read HTML (unclosed tags closed, entities
    /// known); `encoding` when the bytes are not UTF-8 (a `<meta charset>` libxml2 honours too).
    public static func html(_ bytes: [UInt8], name: String, encoding: String = "UTF-8") throws(ExtractionError) -> MarkupElement {
        MarkupParser.initialized
        let options = Int32(
            HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_RECOVER.rawValue
        )
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { characters in
                    htmlReadMemory(characters, Int32(buffer.count), name, encoding, options)
                }
            }
        }
        return try root(of: document, name: name)
    }

    /// libxml2 set up once, before any thread parses.
    private static let initialized: Void = xmlInitParser()

    private static func root(of document: xmlDocPtr?, name: String) throws(ExtractionError) -> MarkupElement {
        guard let document else { throw ExtractionError.damagedDocument(reason: "\(name) cannot be parsed") }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else {
            throw ExtractionError.damagedDocument(reason: "\(name) has no root element")
        }
        return element(root, depth: 0)
    }

    /// How deep elements are read: below this, a (hostile or broken) document's elements are
    /// dropped rather than recursed into without bound.
    static let maximumDepth = 400

    private static func element(_ node: xmlNodePtr, depth: Int) -> MarkupElement {
        var attributes: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            let local = string(current.pointee.name).lowercased()
            let prefix = current.pointee.ns.map { string($0.pointee.prefix) } ?? ""
            let key = prefix.isEmpty ? local : "\(prefix.lowercased()):\(local)"
            var value = ""
            var valueNode = current.pointee.children
            while let text = valueNode {
                if let content = text.pointee.content { value += String(cString: content) }
                valueNode = text.pointee.next
            }
            attributes[key] = value
            attribute = current.pointee.next
        }
        var children: [MarkupNode] = []
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                if depth < maximumDepth { children.append(.element(element(current, depth: depth + 1))) }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { children.append(.text(String(cString: content))) }
            default:
                break
            }
            child = current.pointee.next
        }
        return MarkupElement(name: string(node.pointee.name).lowercased(), attributes: attributes, children: children)
    }

    private static func string(_ characters: UnsafePointer<xmlChar>?) -> String {
        guard let characters else { return "" }
        return String(cString: characters)
    }
}
