import Foundation
import Testing

@testable import SamizdatReports

/// Each association measure on the worked examples of docs/STATISTICS.md ("Co-occurrence
/// reports"); the numbers here and there are the same.
@Suite struct AssociationMeasureTests {
    /// Example A (attraction): O11 = 10, R1 = 100, C1 = 50, N = 10 000, f(node) = 10.
    let attraction = Contingency(o11: 10, r1: 100, c1: 50, n: 10_000)
    /// Example B (repulsion): O11 = 1, R1 = 100, C1 = 500, N = 10 000, f(node) = 10.
    let repulsion = Contingency(o11: 1, r1: 100, c1: 500, n: 10_000)
    /// Example C (overlapping windows, O11 > C1): O11 = 3, R1 = 10, C1 = 2, N = 20, f(node) = 2.
    let overlapping = Contingency(o11: 3, r1: 10, c1: 2, n: 20)

    func close(_ actual: Double, _ expected: Double) -> Bool {
        abs(actual - expected) <= 1e-9 * max(1, abs(expected))
    }

    @Test func cellsFollowFromTheMarginsAndClipAtZero() {
        #expect(attraction.o12 == 90)
        #expect(attraction.o21 == 40)
        #expect(attraction.o22 == 9_860)
        #expect(attraction.e11 == 0.5)
        #expect(overlapping.o21 == 0)
        #expect(overlapping.o22 == 11)
        #expect(overlapping.e11 == 1)
    }

    @Test func logLikelihoodMatchesTheWorkedExamplesWithItsSign() {
        #expect(close(Association.logLikelihood(attraction), 43.81371197162112))
        #expect(close(Association.logLikelihood(repulsion), -4.981167945321928))
        #expect(close(Association.logLikelihood(overlapping), 5.00759932701531))
    }

    @Test func mutualInformationMatchesTheWorkedExamples() {
        #expect(close(Association.mutualInformation(attraction), 4.321928094887363))
        #expect(close(Association.mutualInformation(repulsion), -2.321928094887362))
        #expect(close(Association.mutualInformation(overlapping), 1.584962500721156))
    }

    @Test func mi3MatchesTheWorkedExamples() {
        #expect(close(Association.mi3(attraction), 10.965784284662087))
        #expect(close(Association.mi3(repulsion), -2.321928094887362))
        #expect(close(Association.mi3(overlapping), 4.754887502163468))
    }

    @Test func tScoreMatchesTheWorkedExamples() {
        #expect(close(Association.tScore(attraction), 3.00416377715996))
        #expect(close(Association.tScore(repulsion), -4.0))
        #expect(close(Association.tScore(overlapping), 1.1547005383792517))
    }

    @Test func zScoreMatchesTheWorkedExamples() {
        #expect(close(Association.zScore(attraction), 13.435028842544401))
        #expect(close(Association.zScore(repulsion), -1.7888543819998317))
        #expect(close(Association.zScore(overlapping), 2.0))
    }

    @Test func diceAndLogDiceMatchTheWorkedExamples() {
        #expect(close(Association.dice(attraction, nodeFrequency: 10), 1.0 / 3.0))
        #expect(close(Association.logDice(attraction, nodeFrequency: 10), 12.415037499278844))
        #expect(close(Association.dice(repulsion, nodeFrequency: 10), 0.00392156862745098))
        #expect(close(Association.logDice(repulsion, nodeFrequency: 10), 6.005646563141142))
        #expect(close(Association.dice(overlapping, nodeFrequency: 2), 1.5))
        #expect(close(Association.logDice(overlapping, nodeFrequency: 2), 14.584962500721156))
    }

    @Test func deltaPMatchesTheWorkedExamplesInBothDirections() {
        #expect(close(Association.deltaPCollocateGivenNode(attraction), 0.09595959595959597))
        #expect(close(Association.deltaPNodeGivenCollocate(attraction), 0.19095477386934676))
        #expect(close(Association.deltaPCollocateGivenNode(repulsion), -0.0404040404040404))
        #expect(close(Association.deltaPNodeGivenCollocate(repulsion), -0.008421052631578947))
        #expect(close(Association.deltaPCollocateGivenNode(overlapping), 0.3))
        #expect(close(Association.deltaPNodeGivenCollocate(overlapping), 0.6111111111111112))
    }

    @Test func zeroFrequenciesGiveTheDocumentedValues() {
        let absent = Contingency(o11: 0, r1: 10, c1: 5, n: 100)
        #expect(Association.mutualInformation(absent) == -.infinity)
        #expect(Association.mi3(absent) == -.infinity)
        #expect(Association.logDice(absent, nodeFrequency: 2) == -.infinity)
        #expect(Association.tScore(absent) == 0)
        #expect(close(Association.zScore(absent), -0.5 / 0.5.squareRoot()))
        #expect(Association.logLikelihood(absent) < 0)
        let empty = Contingency(o11: 0, r1: 0, c1: 0, n: 0)
        #expect(Association.logLikelihood(empty) == 0)
        #expect(Association.zScore(empty) == 0)
        #expect(Association.dice(empty, nodeFrequency: 0) == 0)
        #expect(Association.deltaPCollocateGivenNode(empty) == 0)
        #expect(Association.deltaPNodeGivenCollocate(empty) == 0)
    }

    /// The logarithm-free bound that lets G² rankings skip candidates is never below G², on the
    /// worked examples, on tables with empty cells and on tables drawn at random over many scales.
    @Test func logLikelihoodBoundIsNeverBelowG2() {
        var random = SplitMix64(seed: 0x6b0_0d)
        var tables: [(Double, Double, Double, Double)] = [
            (10, 90, 40, 9_860), (1, 99, 499, 9_401), (3, 7, 0, 10), (0, 5, 5, 0), (7, 0, 0, 0), (1, 0, 0, 7_000_000),
        ]
        for _ in 0..<20_000 {
            let scale = 1 << random.below(24)
            tables.append(
                (
                    Double(random.below(scale + 1)), Double(random.below(scale * 10 + 1)), Double(random.below(scale * 100 + 1)),
                    Double(random.below(scale * 10_000 + 1))
                )
            )
        }
        LogLikelihoodBound.significandLogs.withUnsafeBufferPointer { logs in
            for (o11, o12, o21, o22) in tables {
                let exact = KeynessMeasures.g2(o11, o12, o21, o22)
                let bound = LogLikelihoodBound.unsignedG2(o11, o12, o21, o22, logs: logs)
                #expect(bound >= exact - 1e-9 * max(1, exact), "\([o11, o12, o21, o22]): bound \(bound) < G² \(exact)")
            }
        }
    }
}
