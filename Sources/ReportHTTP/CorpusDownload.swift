import Hummingbird
import SamizdatModel

/// The corpus table as a CSV download.
enum CorpusDownload {
    static func csv(_ documents: [DocumentSummary]) -> Response {
        HTTPResponses.csv(CorpusPage.table(documents), filename: "corpus.csv")
    }
}
