extension Duration {
    /// The duration in seconds, as a Double (for logs, rates and bench lines).
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
    /// The duration in milliseconds, as a Double.
    public var milliseconds: Double { seconds * 1000 }
}
