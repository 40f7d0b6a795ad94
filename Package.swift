// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// The Monte Carlo engine's SIMD kernels (and those of the fairness metrics over the draws)
/// are compiled for the vector instructions of the
/// machine that builds them (AVX-512 or AVX2 on x86-64), as `-march=native` would: 1.5-2x
/// faster than baseline SSE2. The command line checks at start that the machine running it
/// has them. `VERDEEL_PORTABLE=1 swift build` builds for any x86-64.
let engineProcessor: (cpu: String, define: String)? = {
    #if os(Linux) && arch(x86_64)
    guard Context.environment["VERDEEL_PORTABLE"] == nil,
        let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
        let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
    else { return nil }
    let flags = Set(line.split(separator: " ").map(String.init))
    if flags.isSuperset(of: ["avx512f", "avx512bw", "avx512dq", "avx512vl", "avx2", "fma", "bmi2"]) {
        return ("skylake-avx512", "VERDEEL_AVX512")
    }
    if flags.isSuperset(of: ["avx2", "fma", "bmi2"]) { return ("haswell", "VERDEEL_AVX2") }
    #endif
    return nil
}()

let package = Package(
    name: "verdeel",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "verdeel", targets: ["verdeel"]),
        .library(name: "VerdeelCore", targets: ["VerdeelCore"]),
        .library(name: "VerdeelData", targets: ["VerdeelData"]),
        .library(name: "VerdeelLinearAlgebra", targets: ["VerdeelLinearAlgebra"]),
        .library(name: "SocialeAgenda", targets: ["SocialeAgenda"]),
        .library(name: "VerdeelReport", targets: ["VerdeelReport"]),
        .library(name: "VerdeelLanguage", targets: ["VerdeelLanguage"]),
        .library(name: "VerdeelSimulation", targets: ["VerdeelSimulation"]),
        .library(name: "VerdeelBundle", targets: ["VerdeelBundle"]),
        .library(name: "VerdeelRandom", targets: ["VerdeelRandom"]),
        .library(name: "VerdeelAnalysis", targets: ["VerdeelAnalysis"]),
        .library(name: "VerdeelDesign", targets: ["VerdeelDesign"]),
        .library(name: "VerdeelModel", targets: ["VerdeelModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .target(name: "VerdeelLinearAlgebra", dependencies: ["COpenBLAS"]),
        .target(
            name: "VerdeelCore",
            dependencies: [
                .product(name: "RealModule", package: "swift-numerics"),
                .product(name: "BigInt", package: "BigInt"),
            ]
        ),
        .target(name: "VerdeelModel", dependencies: ["VerdeelCore", .product(name: "RealModule", package: "swift-numerics")]),
        .target(name: "VerdeelData", dependencies: ["VerdeelCore"]),
        .target(name: "SocialeAgenda", dependencies: ["VerdeelCore", "VerdeelData"]),
        .target(
            name: "VerdeelReport",
            dependencies: [
                "VerdeelCore", "VerdeelData", "VerdeelModel", "VerdeelDesign", "VerdeelSimulation", "VerdeelAnalysis", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(name: "VerdeelRandom"),
        .target(name: "VerdeelDesign", dependencies: ["VerdeelModel", "VerdeelRandom"]),
        .target(
            name: "VerdeelAnalysis",
            dependencies: [
                "VerdeelCore", "VerdeelModel", "VerdeelSimulation", "VerdeelDesign", "VerdeelRandom", "VerdeelLinearAlgebra",
                .product(name: "RealModule", package: "swift-numerics"),
            ],
            swiftSettings: engineProcessor.map { [.unsafeFlags(["-target-cpu", $0.cpu]), .define("VERDEEL_FMA"), .define($0.define)] } ?? []
        ),
        .target(name: "VerdeelLanguage", dependencies: ["VerdeelCore", "VerdeelModel", "VerdeelDesign", "VerdeelRandom"]),
        .target(name: "VerdeelBundle"),
        .target(
            name: "VerdeelSimulation",
            dependencies: ["VerdeelCore", "VerdeelData", "VerdeelModel", "VerdeelDesign", "VerdeelRandom", "VerdeelLinearAlgebra"],
            swiftSettings: engineProcessor.map { [.unsafeFlags(["-target-cpu", $0.cpu])] } ?? []
        ),
        .executableTarget(
            name: "verdeel",
            dependencies: [
                "VerdeelCore", "VerdeelData", "VerdeelModel", "VerdeelReport", "VerdeelLanguage", "VerdeelSimulation", "VerdeelBundle", "VerdeelLinearAlgebra",
                "VerdeelAnalysis", "VerdeelDesign",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: engineProcessor.map { [.define($0.define)] } ?? []
        ),
        .testTarget(
            name: "VerdeelLinearAlgebraTests",
            dependencies: [
                "VerdeelLinearAlgebra",
                .product(name: "Numerics", package: "swift-numerics"),
            ]
        ),
        .testTarget(
            name: "VerdeelCoreTests",
            dependencies: [
                "VerdeelCore",
                .product(name: "Numerics", package: "swift-numerics"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "VerdeelSimulationTests",
            dependencies: [
                "VerdeelSimulation", "VerdeelRandom", "VerdeelLanguage", "VerdeelModel", "VerdeelDesign", "VerdeelCore", "VerdeelReport",
                .product(name: "Numerics", package: "swift-numerics"),
            ],
            exclude: ["Reference", "Regressions"]
        ),
        .testTarget(name: "VerdeelDataTests", dependencies: ["VerdeelData"]),
        .testTarget(
            name: "VerdeelAnalysisTests",
            dependencies: [
                "VerdeelAnalysis", "VerdeelSimulation", "VerdeelLanguage", "VerdeelModel", "VerdeelCore", "VerdeelDesign", "VerdeelRandom",
                .product(name: "Numerics", package: "swift-numerics"),
            ],
            exclude: ["Reference"]
        ),
        .testTarget(name: "VerdeelLanguageTests", dependencies: ["VerdeelLanguage", "VerdeelModel", "VerdeelDesign", "VerdeelCore", "VerdeelSimulation", "VerdeelBundle"]),
        .testTarget(name: "VerdeelCommandTests", dependencies: ["verdeel", "VerdeelData"]),
        .testTarget(
            name: "VerdeelReportTests",
            dependencies: ["VerdeelReport", "VerdeelCore", "VerdeelData", "VerdeelSimulation", "VerdeelLanguage", "VerdeelModel", "VerdeelDesign", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(
            name: "SocialeAgendaTests",
            dependencies: ["SocialeAgenda", "VerdeelCore", "VerdeelData"],
            exclude: ["Reference"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
