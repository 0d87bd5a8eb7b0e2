import SamizdatModel

extension CollocatesResponse {
    /// The entries as CSV, one row each, the columns named as the JSON entries' keys.
    public var csv: CSVTable {
        var table = CSVTable(header: [
            "collocate", "o11", "left", "right", "c1", "e11", "mi", "mi3", "t", "z", "g2", "log_dice", "dice",
            "delta_p_collocate_given_node", "delta_p_node_given_collocate",
        ])
        for entry in entries {
            table.append([
                entry.collocate, String(entry.cooccurrences), String(entry.left), String(entry.right),
                String(entry.collocateFrequency), CSVTable.number(entry.expected), CSVTable.number(entry.mi),
                CSVTable.number(entry.mi3), CSVTable.number(entry.tScore), CSVTable.number(entry.zScore),
                CSVTable.number(entry.logLikelihood), CSVTable.number(entry.logDice), CSVTable.number(entry.dice),
                CSVTable.number(entry.deltaPCollocateGivenNode), CSVTable.number(entry.deltaPNodeGivenCollocate),
            ])
        }
        return table
    }
}
