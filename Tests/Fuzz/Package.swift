// swift-tools-version: 6.0
// Fuzz targets for Kith's readers (libFuzzer). Built and run by `make fuzz` from the project's
// root, with Swift's `-sanitize=fuzzer,address`; not part of the main package's build.
import Foundation
import PackageDescription

/// The main package's identity: its folder's name (whatever the clone is called).
let kith = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let fuzzers = [
  "FuzzCSV", "FuzzPipeline", "FuzzInstrument", "FuzzRefi", "FuzzCoding", "FuzzMeetingReports",
]

let package = Package(
  name: "KithFuzz",
  dependencies: [.package(path: "../..")],
  targets: [
    .target(
      name: "FuzzSupport",
      dependencies: [.product(name: "Kith", package: kith)])
  ]
    + fuzzers.map { name in
      .executableTarget(
        name: name,
        dependencies: [
          "FuzzSupport", .product(name: "Kith", package: kith),
          .product(name: "KithCSV", package: kith),
        ])
    }
)
