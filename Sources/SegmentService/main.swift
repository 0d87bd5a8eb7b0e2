import SamizdatService
import ZeroMQ

await ServiceMain.run(service: .segment) { config, logger, context, security in
    [
        LoopService(name: "segment-loop") { stop in
            try SegmentWorker(config: config, logger: logger, context: context, security: security).run(stop: stop)
        }
    ]
}
