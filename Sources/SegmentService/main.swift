import SamizdatService
import ZeroMQ

await ServiceMain.run(service: "segment") { config, logger in
    let context = Context()
    return [
        LoopService(name: "segment-loop") { stop in
            try SegmentWorker(config: config, logger: logger, context: context).run(stop: stop)
        }
    ]
}
