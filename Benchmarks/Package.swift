// swift-tools-version: 6.1
import PackageDescription

// A package of its own, so `swift build` and `swift test` at the root never compile the
// benchmark stack. Run from this directory: `swift package benchmark`.
let package = Package(
    name: "verdeel-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "Allocation",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "VerdeelCore", package: "verdeel"),
                .product(name: "SocialeAgenda", package: "verdeel"),
            ],
            path: "Benchmarks/Allocation",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
