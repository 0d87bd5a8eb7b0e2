import Foundation
import Testing

@testable import ReportHTTP

@Suite struct UTCTimeTests {
    @Test(arguments: [0.0, 951_782_400, 1_796_300_000.75, -86_401, 4_102_444_799, 1_709_164_800])
    func theDateAndTimeAreWhatFoundationsCalendarSays(seconds: Double) throws {
        let time = UTCTime(secondsSince1970: seconds)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second],
            from: Date(timeIntervalSince1970: seconds.rounded(.down))
        )
        #expect(time == UTCTime(parts))
    }

    @Test func theDateIsWrittenWithTwoDigitMonthAndDay() {
        #expect(UTCTime(secondsSince1970: 1_796_300_000).date == "2026-12-03")
        #expect(UTCTime(secondsSince1970: 0).date == "1970-01-01")
    }
}

extension UTCTime {
    init(_ parts: DateComponents) {
        self.init(secondsSince1970: 0)
        year = parts.year ?? 0
        month = parts.month ?? 0
        day = parts.day ?? 0
        hour = parts.hour ?? 0
        minute = parts.minute ?? 0
        second = parts.second ?? 0
    }
}
