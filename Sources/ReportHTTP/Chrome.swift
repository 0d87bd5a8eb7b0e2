/// What every page's layout needs: its title, which navigation entry is current, and the
/// query to show in the search box.
struct Chrome: Sendable {
    var title: String
    var isCorpus = false
    var isSearch = false
    var isConcordance = false
    var isReader = false
    var isTerm = false
    var isKeywords = false
    var isCompare = false
    var isCitations = false
    var query = ""
}
