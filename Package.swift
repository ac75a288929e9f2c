// swift-tools-version:6.0
import PackageDescription
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// `qakit serve` and Hummingbird are left out when QAKIT_NO_SERVE is set: the AddressSanitizer
// pass of .ci/run (Fuzz/sanitize-tests.sh) sets it, so that it does not build SwiftNIO a second
// time, instrumented, and skips the serve tests; the normal build and `swift test` include them.
let includesServe = getenv("QAKIT_NO_SERVE") == nil

let package = Package(
    name: "qakit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "qakit", targets: ["QAKitCLI"]),
        .library(name: "QAKit", targets: ["QAKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Renders users' coaching templates (`qakit coach --template`); no other dependency.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // SHA-256 for `qakit sample`'s reproducible choice.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Reads the zip container of .xlsx workbooks (QAKitSpreadsheet); needs Foundation.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // The system libyaml (apt: libyaml-dev, pkg-config: yaml-0.1); never vendored.
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // A YAML layer over libyaml's event API: a tree of nodes that know their line and column.
        .target(name: "QAKitYAML", dependencies: ["CLibYAML"]),
        // The domain and the file formats: scorecards, audits, scoring, calibration, coaching.
        .target(name: "QAKit", dependencies: ["QAKitYAML", .product(name: "Crypto", package: "swift-crypto")]),
        // Reads .xlsx workbooks as audit files. A target of its own because ZIPFoundation needs
        // Foundation, which the QAKit library stays free of.
        .target(
            name: "QAKitSpreadsheet",
            dependencies: ["QAKit", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // The thin command-line front end. The target is `QAKitCLI` (not `qakit`) so that its folder
        // and module cannot collide with `QAKit` on a case-insensitive file system; the product,
        // and so the binary, is still `qakit`.
        .executableTarget(
            name: "QAKitCLI",
            dependencies: [
                "QAKit",
                "QAKitSpreadsheet",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .testTarget(name: "QAKitYAMLTests", dependencies: ["QAKitYAML"]),
        .testTarget(
            name: "QAKitTests",
            dependencies: ["QAKit", "QAKitYAML"],
            // Regenerates Statistics/Fixtures/AgreementFixtures.swift; needs Python, tests do not.
            // Golden reports (calibration, coaching) are read by path from #filePath, not bundled.
            exclude: ["Statistics/Fixtures/generate_agreement_fixtures.py", "Calibration/Snapshots", "Coaching/Snapshots", "Report/Snapshots"]
        ),
        // Runs the built `qakit` binary; its fixtures and bad-input corpus are read by path, not bundled.
        .testTarget(name: "QAKitSpreadsheetTests", dependencies: ["QAKitSpreadsheet"]),
        // ZIPFoundation zips the hand-built workbooks that the spreadsheet tests hand to the binary.
        .testTarget(
            name: "QAKitCLITests",
            dependencies: ["QAKitCLI", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["Fixtures", "Corpus"]
        ),
    ]
)

if includesServe {
    // The HTTP server of `qakit serve` (QAKitServe only; the QAKit library never links it).
    package.dependencies.append(.package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"))
    // `qakit serve`: the audit form and its JSON API over Hummingbird (docs/serve.md).
    package.targets.append(.target(
        name: "QAKitServe",
        dependencies: [
            "QAKit",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]
    ))
    let cli = package.targets.first { $0.name == "QAKitCLI" }!
    cli.dependencies.append("QAKitServe")
    cli.swiftSettings = [.define("QAKIT_SERVE")]
}

// libFuzzer targets (Fuzz/README in docs/robustness.md): only declared when QAKIT_FUZZ is set, so
// the normal build and `swift test` never compile them. Fuzz/run.sh sets it and adds the
// sanitizer flags. Each target's `<Target>_main` hands over to libFuzzer's driver.
if getenv("QAKIT_FUZZ") != nil {
    package.targets.append(.target(name: "CFuzzDriver", path: "Fuzz/Sources/CFuzzDriver"))
    for name in ["FuzzScorecard", "FuzzCSV", "FuzzJSONLines", "FuzzAudits"] {
        package.targets.append(.executableTarget(
            name: name,
            dependencies: ["QAKit", "QAKitYAML", "CFuzzDriver"],
            path: "Fuzz/Sources/\(name)",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ))
    }
}
