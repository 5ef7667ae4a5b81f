// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "eniplan",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "eniplan", targets: ["eniplan"]),
        .library(name: "EniplanCore", targets: ["EniplanCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "EniplanYAML", dependencies: ["CYAML"]),
        .target(name: "EniplanCore", dependencies: ["EniplanYAML"], resources: [.embedInCode("Resources/regions.yaml")]),
        .executableTarget(
            name: "eniplan",
            dependencies: [
                "EniplanCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Release builds link the Swift runtime and Foundation in (with the libraries Foundation's archives need):
            // loading and binding twenty shared libraries was a third of the start-up's CPU time. Linux only; debug
            // builds stay dynamic, as the test bundle that links this target needs the shared Testing and XCTest.
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-Xlinker", "--start-group", "-lFoundation", "-lFoundationInternationalization",
                                           "-lFoundationEssentials", "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCShims",
                                           "-l_FoundationCollections", "-lswiftSynchronization", "-lswiftDispatch", "-ldispatch",
                                           "-lBlocksRuntime", "-Xlinker", "--end-group"], .when(platforms: [.linux], configuration: .release))]
        ),
        .executableTarget(name: "eniplan-bench", dependencies: ["EniplanCore", "EniplanYAML"], path: "Benchmarks/eniplan-bench"),
        .executableTarget(name: "eniplan-fuzz", dependencies: ["EniplanCore", "EniplanYAML"], path: "Fuzz/eniplan-fuzz"),
        .testTarget(name: "EniplanYAMLTests", dependencies: ["EniplanYAML"]),
        .testTarget(name: "EniplanCoreTests", dependencies: ["EniplanCore"]),
        .testTarget(name: "EndToEndTests", dependencies: ["eniplan", "eniplan-fuzz"]),
        .testTarget(name: "BenchmarkTests", dependencies: ["eniplan-bench", "EniplanCore"]),
    ],
    swiftLanguageModes: [.v6]
)

// Each file imports what it uses: a module's members are not visible through another file's import.
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("MemberImportVisibility")]
}
