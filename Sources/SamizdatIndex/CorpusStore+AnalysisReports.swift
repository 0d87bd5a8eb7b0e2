import Foundation
import SamizdatModel
import SamizdatReports

extension CorpusStore {
    /// The word list of a scope (see `WordList`).
    public func wordList(_ request: WordListRequest) throws -> WordListResponse {
        try request.validate()
        let corpus = try analysisCorpus()
        return WordList.compute(corpus, try selection(request.scope, in: corpus), request)
    }

    /// N-grams, or clusters around a node word (see `NGrams`).
    public func ngrams(_ request: NGramsRequest) throws -> NGramsResponse {
        try request.validate()
        let corpus = try analysisCorpus()
        let chosen = try selection(request.scope, in: corpus)
        var node: UInt32?
        if let word = request.node {
            node = try occurringType(word, unit: request.unit, parameter: "node")
        }
        return NGrams.compute(corpus, chosen, node: node, request)
    }

    /// The collocates of a node word (see `Collocates`).
    public func collocates(_ request: CollocatesRequest) throws -> CollocatesResponse {
        try request.validate()
        let corpus = try analysisCorpus()
        let chosen = try selection(request.scope, in: corpus)
        let type = try analysisType(request.node, unit: request.unit, parameter: "node")
        guard let node = type.id else {
            throw ProtocolError(.notFound, "node: '\(request.node)' does not occur in the corpus", parameter: "node")
        }
        return Collocates.compute(corpus, chosen, node: node, nodeName: type.name, request)
    }

    /// The keywords of a target against a reference, by default the rest of the corpus (see `Keywords`).
    public func keywords(_ request: KeywordsRequest) throws -> KeywordsResponse {
        try request.validate()
        let corpus = try analysisCorpus()
        let target = try selection(request.scope, in: corpus)
        let reference = try request.reference.map { try selection($0, in: corpus, prefix: "ref_") }
        try requireReference(target, reference, corpus, parameter: "ref_doc")
        return Keywords.compute(corpus, target: target, reference: reference, request)
    }

    /// Two documents or subcorpora compared (see `Comparison`).
    public func compare(_ request: CompareRequest) throws -> CompareResponse {
        try request.validate()
        let corpus = try analysisCorpus()
        let first = try selection(request.scope, in: corpus)
        let other = try request.other.map { try selection($0, in: corpus, prefix: "other_") }
        try requireReference(first, other, corpus, parameter: "other_doc")
        return Comparison.compute(corpus, first, other: other, request)
    }

    /// The dispersion of a word (see `Dispersion`); a word the corpus does not hold has frequency 0.
    public func dispersion(_ request: DispersionRequest) throws -> DispersionResponse {
        try request.validate()
        let corpus = try analysisCorpus()
        let chosen = try selection(request.scope, in: corpus)
        let type = try analysisType(request.term, unit: request.unit, parameter: "term")
        return Dispersion.compute(corpus, chosen, request, types: type.id.map { [$0] } ?? [])
    }

    /// The relative frequencies of words across chapters or documents (see `Trends`).
    public func trends(_ request: TrendsRequest) throws -> TrendsResponse {
        try request.validate()
        let corpus = try analysisCorpus()
        let chosen = try selection(request.scope, in: corpus)
        let types = try request.terms.map { term in
            try analysisType(term, unit: request.unit, parameter: "terms").id.map { [$0] } ?? []
        }
        return Trends.compute(corpus, chosen, request, types: types)
    }

    /// The type id of a word that must occur in the corpus.
    func occurringType(_ word: String, unit: CountingUnit, parameter: String) throws -> UInt32 {
        let type = try analysisType(word, unit: unit, parameter: parameter)
        guard let id = type.id else {
            throw ProtocolError(.notFound, "\(parameter): '\(word)' does not occur in the corpus", parameter: parameter)
        }
        return id
    }

    /// A comparison needs something to compare with: without a reference, the target cannot be
    /// the whole corpus.
    func requireReference(_ target: CorpusSelection, _ reference: CorpusSelection?, _ corpus: AnalysisCorpus, parameter: String) throws {
        guard reference == nil else {
            return
        }
        if complement(of: target, in: corpus).parts.isEmpty {
            throw ProtocolError.badParameter(parameter, "the target is the whole corpus: name a document, chapter or subcorpus, or a reference")
        }
    }
}
