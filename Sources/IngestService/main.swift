import Foundation
import SamizdatDelivery
import SamizdatService
import ZeroMQ

await ServiceMain.run(service: .ingest) { config, logger, context, security in
    try FileManager.default.createDirectory(atPath: config.dataDir, withIntermediateDirectories: true)
    let journal = try DeliveryJournal(path: config.dataDir + "/journal.sqlite", wallClock: { Date() })
    return [
        LoopService(name: "ingest-loop") { stop in
            try IngestLoop(config: config, logger: logger, journal: journal, context: context, security: security).run(stop: stop)
        }
    ]
}
