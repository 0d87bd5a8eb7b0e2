/// The word a folded form is an inflection of (interim: possessives only; the full rules and
/// exception lists replace this).
public enum EnglishLemmatizer {
    public static func lemma(_ folded: String) -> String {
        for suffix in ["'s", "’s", "ʼs"] where folded.hasSuffix(suffix) && folded.count > suffix.count {
            return String(folded.dropLast(suffix.count))
        }
        return folded
    }
}
