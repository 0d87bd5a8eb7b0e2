import Foundation
import SamizdatIndex
import SamizdatService
import ZeroMQ

await ServiceMain.run(service: "index") { config, logger in
    try FileManager.default.createDirectory(atPath: config.dataDir, withIntermediateDirectories: true)
    let store = try CorpusStore(path: config.dataDir + "/index.sqlite")
    let context = Context()
    return [
        LoopService(name: "index-loop") { stop in
            try IndexLoop(config: config, logger: logger, store: store, context: context).run(stop: stop)
        }
    ]
}
