// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// A path dependency is known by its directory's name, which differs between checkouts.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

/// One ordo-one benchmark target in `Benchmarks/NAME`, using these products of the project.
func benchmark(_ name: String, using products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: [.product(name: "Benchmark", package: "benchmark")] + products.map { .product(name: $0, package: root) },
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

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
        benchmark("Allocation", using: ["VerdeelCore", "SocialeAgenda", "VerdeelLanguage", "VerdeelModel", "VerdeelSimulation"]),
        benchmark("Workloads", using: ["VerdeelLanguage", "VerdeelModel", "VerdeelSimulation", "VerdeelAnalysis", "VerdeelTables"]),
        benchmark("Sensitivity", using: ["VerdeelData", "VerdeelDesign", "VerdeelLanguage", "VerdeelSimulation", "VerdeelAnalysis"]),
        benchmark("Reports", using: ["VerdeelLanguage", "VerdeelSimulation", "VerdeelAnalysis", "VerdeelReport"]),
    ],
    swiftLanguageModes: [.v6]
)
