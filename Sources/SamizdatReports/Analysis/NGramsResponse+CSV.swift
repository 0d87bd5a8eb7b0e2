import SamizdatModel

extension NGramsResponse {
    /// The entries as CSV, one row each: the words joined by a space, frequency, range.
    public var csv: CSVTable {
        var table = CSVTable(header: ["words", "frequency", "range"])
        for entry in entries {
            table.append([entry.words.joined(separator: " "), String(entry.frequency), String(entry.range)])
        }
        return table
    }
}
