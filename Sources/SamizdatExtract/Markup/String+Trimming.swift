/// Spaces off both ends (only U+0020: markup text is collapsed before it is trimmed).
extension String {
    func trimmingSpaces() -> String {
        var result = Substring(self)
        while let first = result.first, first == " " { result.removeFirst() }
        while let last = result.last, last == " " { result.removeLast() }
        return String(result)
    }
}
