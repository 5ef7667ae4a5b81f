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
            ]
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
