// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// A path dependency is known by its directory's name, which differs between checkouts.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

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
                .product(name: "VerdeelCore", package: root),
                .product(name: "SocialeAgenda", package: root),
                .product(name: "VerdeelLanguage", package: root),
                .product(name: "VerdeelSimulation", package: root),
            ],
            path: "Benchmarks/Allocation",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Workloads",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "VerdeelLanguage", package: root),
                .product(name: "VerdeelSimulation", package: root),
                .product(name: "VerdeelAnalysis", package: root),
            ],
            path: "Benchmarks/Workloads",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Sensitivity",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "VerdeelData", package: root),
                .product(name: "VerdeelDesign", package: root),
                .product(name: "VerdeelLanguage", package: root),
                .product(name: "VerdeelSimulation", package: root),
                .product(name: "VerdeelAnalysis", package: root),
            ],
            path: "Benchmarks/Sensitivity",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Reports",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "VerdeelLanguage", package: root),
                .product(name: "VerdeelSimulation", package: root),
                .product(name: "VerdeelAnalysis", package: root),
                .product(name: "VerdeelReport", package: root),
            ],
            path: "Benchmarks/Reports",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
