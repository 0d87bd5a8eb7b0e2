import Hummingbird
import SamizdatModel

/// A request's query parameters, read strictly: a value that is not a number, out of range
/// or not one of the allowed words is a `bad_parameter` error naming the parameter.
public struct RequestParameters: Sendable {
    let parameters: Parameters

    public init(_ request: Request) {
        parameters = request.uri.queryParameters
    }

    init(_ parameters: Parameters) {
        self.parameters = parameters
    }

    /// The text of `name`, or nil when absent.
    public func string(_ name: String) -> String? {
        parameters.get(name)
    }

    /// The text of `name`, or nil when absent or empty.
    public func nonEmpty(_ name: String) -> String? {
        guard let value = parameters.get(name), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// The text of `name`; missing or empty is an error.
    public func required(_ name: String) throws -> String {
        guard let value = nonEmpty(name) else {
            throw ProtocolError.badParameter(name, "is required")
        }
        return value
    }

    /// A whole number in `range`, or `defaultValue` when absent or empty.
    public func integer(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = nonEmpty(name) else {
            return defaultValue
        }
        guard let value = Int(text) else {
            throw ProtocolError.badParameter(name, "'\(text)' is not a whole number")
        }
        guard range.contains(value) else {
            throw ProtocolError.badParameter(name, "\(value) is outside \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    /// One of the allowed raw values of `T`, or `defaultValue` when absent or empty.
    public func choice<T: RawRepresentable & CaseIterable>(_ name: String, default defaultValue: T) throws -> T where T.RawValue == String {
        guard let text = nonEmpty(name) else {
            return defaultValue
        }
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw ProtocolError.badParameter(name, "'\(text)' is not one of \(allowed)")
        }
        return value
    }
}
