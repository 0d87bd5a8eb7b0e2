import SamizdatService
import ZeroMQ

await ServiceMain.run(service: "segment") { config, logger, context in
    [
        LoopService(name: "segment-loop") { stop in
            try SegmentWorker(config: config, logger: logger, context: context).run(stop: stop)
        }
    ]
}
