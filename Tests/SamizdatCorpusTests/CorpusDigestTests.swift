import Foundation
import SamizdatModel
import Testing

@testable import SamizdatCorpus

@Suite struct CorpusDigestTests {
    @Test func knownAnswers() {
        #expect(CorpusDigest().hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        var abc = CorpusDigest()
        abc.update("abc")
        #expect(abc.hex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        var two = CorpusDigest()
        two.update("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        #expect(two.hex() == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func chunksGiveTheHashOfTheWhole() {
        var rng = SplitMix64(seed: 9)
        var all: [UInt8] = []
        var digest = CorpusDigest()
        for size in [0, 1, 55, 56, 63, 64, 65, 127, 128, 1000, 4099] {
            let chunk = (0..<size).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            all += chunk
            digest.update(chunk)
            #expect(digest.hex() == ContentHash.sha256(Data(all)))
        }
    }
}
