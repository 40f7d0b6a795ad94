// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// The default build runs on any x86-64 processor and needs no unsafe flags, so the package
/// can be depended on by version. `VERDEEL_NATIVE=1 swift build -c release` compiles the
/// Monte Carlo engine's and the fairness metrics' SIMD kernels for the vector instructions
/// of the machine that builds it (AVX-512 or AVX2, read from /proc/cpuinfo), as
/// `-march=native` would; docs/performance.md gives its speed against the default. Results
/// are the same bit for bit in both builds (CI compares every output file); the command line
/// of a native build checks at start that the machine running it has those instructions.
let engineProcessor: (cpu: String, define: String)? = {
    #if os(Linux) && arch(x86_64)
    guard Context.environment["VERDEEL_NATIVE"] == "1",
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
        .library(name: "VerdeelSession", targets: ["VerdeelSession"]),
        .library(name: "VerdeelTables", targets: ["VerdeelTables"]),
        .library(name: "VerdeelWorkbench", targets: ["VerdeelWorkbench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .target(name: "VerdeelLinearAlgebra", dependencies: ["COpenBLAS"], exclude: ["README.md"]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .target(
            name: "VerdeelCore",
            dependencies: [
                .product(name: "RealModule", package: "swift-numerics"),
                .product(name: "BigInt", package: "BigInt"),
            ],
            exclude: ["README.md"]
        ),
        .target(name: "VerdeelModel", dependencies: ["VerdeelCore", .product(name: "RealModule", package: "swift-numerics")], exclude: ["README.md"]),
        .target(name: "VerdeelTables", dependencies: ["VerdeelCore"], exclude: ["README.md"]),
        .target(name: "VerdeelParquet", dependencies: ["CZstd"], exclude: ["README.md"]),
        .target(name: "VerdeelData", dependencies: ["VerdeelCore", "VerdeelTables"], exclude: ["README.md"]),
        .target(name: "SocialeAgenda", dependencies: ["VerdeelCore", "VerdeelData"], exclude: ["README.md"]),
        .target(
            name: "VerdeelReport",
            dependencies: [
                "VerdeelCore", "VerdeelData", "VerdeelModel", "VerdeelDesign", "VerdeelTables", "VerdeelSimulation", "VerdeelAnalysis", "VerdeelParquet",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["README.md"]
        ),
        .target(name: "VerdeelRandom", exclude: ["README.md"]),
        .target(name: "VerdeelDesign", dependencies: ["VerdeelCore", "VerdeelModel", "VerdeelRandom"], exclude: ["README.md"]),
        .target(
            name: "VerdeelAnalysis",
            dependencies: [
                "VerdeelCore", "VerdeelModel", "VerdeelTables", "VerdeelSimulation", "VerdeelDesign", "VerdeelRandom", "VerdeelLinearAlgebra",
                .product(name: "RealModule", package: "swift-numerics"),
            ],
            exclude: ["README.md"],
            swiftSettings: engineProcessor.map { [.unsafeFlags(["-target-cpu", $0.cpu]), .define($0.define)] } ?? []
        ),
        .target(name: "VerdeelLanguage", dependencies: ["VerdeelCore", "VerdeelModel", "VerdeelDesign", "VerdeelRandom"], exclude: ["README.md"]),
        .target(name: "VerdeelBundle", exclude: ["README.md"]),
        .target(
            name: "VerdeelSession",
            dependencies: ["VerdeelCore", "VerdeelData", "VerdeelModel", "VerdeelDesign", "VerdeelSimulation", "VerdeelAnalysis", "VerdeelReport", "VerdeelTables", "VerdeelParquet"],
            exclude: ["README.md"]
        ),
        .target(
            name: "VerdeelSimulation",
            dependencies: ["VerdeelCore", "VerdeelData", "VerdeelModel", "VerdeelDesign", "VerdeelTables", "VerdeelRandom", "VerdeelLinearAlgebra"],
            exclude: ["README.md"],
            swiftSettings: engineProcessor.map { [.unsafeFlags(["-target-cpu", $0.cpu]), .define($0.define)] } ?? []
        ),
        .target(
            name: "VerdeelWorkbench",
            dependencies: [
                "VerdeelCore", "VerdeelModel", "VerdeelSimulation", "VerdeelAnalysis", "VerdeelReport", "VerdeelSession", "VerdeelTables",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["README.md"]
        ),
        .target(
            name: "VerdeelServer",
            dependencies: [
                "VerdeelWorkbench", "VerdeelReport", "VerdeelTables", "VerdeelSimulation", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"), .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            exclude: ["README.md"],
            resources: [.embedInCode("workbench.html")]
        ),
        .executableTarget(
            name: "verdeel",
            dependencies: [
                "VerdeelCore", "VerdeelData", "VerdeelModel", "VerdeelSession", "VerdeelReport", "VerdeelLanguage", "VerdeelSimulation", "VerdeelBundle",
                "VerdeelLinearAlgebra",
                "VerdeelAnalysis", "VerdeelDesign", "VerdeelWorkbench", "VerdeelServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["README.md"]
        ),
        .target(
            name: "VerdeelTestSupport",
            dependencies: ["VerdeelCore", "VerdeelLanguage", "VerdeelSimulation"],
            path: "Tests/VerdeelTestSupport"
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
                "VerdeelCore", "VerdeelTestSupport",
                .product(name: "Numerics", package: "swift-numerics"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "VerdeelSimulationTests",
            dependencies: [
                "VerdeelSimulation", "VerdeelRandom", "VerdeelModel", "VerdeelDesign", "VerdeelCore", "VerdeelReport", "VerdeelTestSupport",
                .product(name: "Numerics", package: "swift-numerics"),
            ],
            exclude: ["Reference", "Regressions"]
        ),
        .testTarget(name: "VerdeelDataTests", dependencies: ["VerdeelData", "VerdeelTables", "VerdeelTestSupport", .product(name: "Numerics", package: "swift-numerics")]),
        .testTarget(
            name: "VerdeelAnalysisTests",
            dependencies: [
                "VerdeelAnalysis", "VerdeelSimulation", "VerdeelModel", "VerdeelCore", "VerdeelDesign", "VerdeelRandom", "VerdeelTables", "VerdeelTestSupport",
                .product(name: "Numerics", package: "swift-numerics"),
            ],
            exclude: ["Reference"]
        ),
        .testTarget(name: "VerdeelLanguageTests", dependencies: ["VerdeelLanguage", "VerdeelModel", "VerdeelDesign", "VerdeelCore", "VerdeelTestSupport", "VerdeelSimulation", "VerdeelBundle"]),
        .testTarget(
            name: "VerdeelSessionTests",
            dependencies: [
                "VerdeelSession", "VerdeelModel", "VerdeelReport", "VerdeelSimulation", "VerdeelTables", "VerdeelData", "VerdeelDesign", "VerdeelTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "Numerics", package: "swift-numerics"),
            ]
        ),
        .testTarget(name: "VerdeelParquetTests", dependencies: ["VerdeelParquet"]),
        .testTarget(name: "VerdeelCommandTests", dependencies: ["verdeel", "VerdeelData", "VerdeelTestSupport"]),
        .testTarget(
            name: "VerdeelWorkbenchTests",
            dependencies: [
                "VerdeelWorkbench", "VerdeelServer", "VerdeelSession", "VerdeelSimulation", "VerdeelLanguage", "VerdeelTestSupport", .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "VerdeelReportTests",
            dependencies: ["VerdeelReport", "VerdeelAnalysis", "VerdeelCore", "VerdeelData", "VerdeelSimulation", "VerdeelModel", "VerdeelDesign", "VerdeelTables", "VerdeelParquet", "VerdeelTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "SocialeAgendaTests",
            dependencies: ["SocialeAgenda", "VerdeelCore", "VerdeelData", "VerdeelTestSupport", .product(name: "Numerics", package: "swift-numerics")],
            exclude: ["Reference"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
