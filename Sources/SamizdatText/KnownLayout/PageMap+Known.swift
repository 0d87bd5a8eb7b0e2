extension PageMap {
    /// A page map read off known pages: no breaks to find, no labels to count.
    init(pageOfLine: [Int32], labels: [String]) {
        self.pageOfLine = pageOfLine
        self.labels = labels
    }
}
