import SamizdatCorpus
import SamizdatText
import Testing

/// pySBD's 48 English Golden Rules (`SamizdatCorpus/GoldenRules.swift`, MIT), each segmented as a
/// document of its own; a failure names the rule and shows the sentences found.
struct GoldenRulesTests {
    @Test(arguments: GoldenRules.english)
    func ruleSplitsAsPublished(_ rule: GoldenRules.Rule) {
        let outcome = GoldenRules.run(rules: [rule])[0]
        #expect(
            outcome.passed,
            "Golden Rule \(rule.number) (\(rule.name)): expected \(rule.sentences), found \(outcome.sentences ?? []) \(outcome.error ?? "")"
        )
    }

    @Test func thereAreFortyEightRules() {
        #expect(GoldenRules.english.count == 48)
        #expect(GoldenRules.english.map(\.number) == Array(1...48))
    }
}
