// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// A path dependency is known by its directory's name, which differs between checkouts.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

// libFuzzer targets, in a package of their own: they have no `main` (libFuzzer brings it),
// so they link only with `--sanitize=fuzzer`, and `swift build` at the root never sees them.
// Build and run: scripts/fuzz.sh SECONDS.
let package = Package(
    name: "verdeel-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzScenario",
            dependencies: [
                .product(name: "VerdeelLanguage", package: root),
                .product(name: "VerdeelCore", package: root),
            ]
        ),
        .executableTarget(
            name: "FuzzSensitivity",
            dependencies: [
                .product(name: "VerdeelData", package: root),
                .product(name: "VerdeelDesign", package: root),
                .product(name: "VerdeelAnalysis", package: root),
            ]
        ),
        .executableTarget(
            name: "FuzzCBS",
            dependencies: [.product(name: "VerdeelData", package: root)]
        ),
        .executableTarget(
            name: "FuzzReadBack",
            dependencies: [.product(name: "VerdeelData", package: root), .product(name: "VerdeelTables", package: root)]
        ),
        .executableTarget(
            name: "FuzzPlan",
            dependencies: [
                .product(name: "VerdeelModel", package: root),
                .product(name: "VerdeelSimulation", package: root),
            ]
        ),
        .executableTarget(
            name: "FuzzCSV",
            dependencies: [
                .product(name: "VerdeelData", package: root),
                .product(name: "VerdeelCore", package: root),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
