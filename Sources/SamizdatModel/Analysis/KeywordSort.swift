/// The measure a keyword list is ranked by: the strongest first. For positive keywords the largest
/// value; for negative ones the most negative G², Log Ratio and %DIFF; with both polarities the
/// largest absolute value. BIC (unsigned) and frequency rank descending in every case, the frequency
/// being the target's for a positive keyword and the reference's for a negative one.
public enum KeywordSort: String, Codable, Sendable, Hashable, CaseIterable {
    /// Signed G² (Dunning 1993): the evidence of a difference.
    case g2
    /// Log Ratio (Hardie 2014): the size of the difference.
    case logRatio = "log_ratio"
    /// %DIFF (Gabrielatos & Marchi 2012).
    case percentDiff = "percent_diff"
    /// BIC (Wilson 2013).
    case bic
    /// The frequency in the corpus the word is key in.
    case frequency
}
