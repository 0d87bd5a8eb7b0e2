import Foundation
import SamizdatService
import ZeroMQ

await ServiceMain.run(service: "ingest") { config, logger in
    try FileManager.default.createDirectory(atPath: config.dataDir, withIntermediateDirectories: true)
    let journal = try Journal(path: config.dataDir + "/journal.sqlite")
    let context = Context()
    return [LoopService(name: "ingest-loop") { stop in
        try IngestLoop(config: config, logger: logger, journal: journal, context: context).run(stop: stop)
    }]
}
