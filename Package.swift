// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Kith",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "kith", targets: ["kith"]),
    .library(name: "Kith", targets: ["Kith"]),
    .library(name: "KithCSV", targets: ["KithCSV"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
  ],
  targets: [
    // libcsv (Debian `libcsv-dev`): the only C in Kith, imported by KithCSV alone.
    .systemLibrary(name: "CLibCSV", providers: [.apt(["libcsv-dev"])]),
    // COIN-OR CLP (Debian `coinor-libclp-dev`): the linear programs of disclosure control,
    // imported by one file of Kith (Disclosure/FeasibleRegion.swift).
    .systemLibrary(name: "CClp", providers: [.apt(["coinor-libclp-dev"])]),
    // ReadStat (Debian `libreadstat-dev`, the library behind R's haven and pyreadstat): SPSS
    // and Stata files, imported by one file of Kith (Publish/ReadStatFile.swift).
    .systemLibrary(name: "CReadStat", providers: [.apt(["libreadstat-dev"])]),
    // libxlsxwriter (Debian `libxlsxwriter-dev`): the study tables' Excel workbook, imported by
    // one file of Kith (Publish/WorkbookWriter.swift).
    .systemLibrary(name: "CXLSXWriter", providers: [.apt(["libxlsxwriter-dev"])]),
    .target(
      name: "KithCSV",
      dependencies: ["CLibCSV"],
      // The parser's state is a class reached from C callbacks once per field; dynamic
      // exclusivity checks on it cost a fifth of the read time. Release builds skip them.
      swiftSettings: [
        .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
      ]
    ),
    // Helpers every layer of Kith shares: hashing tables, interning, threads, files, errors.
    .target(name: "KithSupport", dependencies: ["KithCSV"]),
    .target(
      name: "Kith",
      dependencies: [
        "KithCSV",
        "KithSupport",
        "CClp",
        "CReadStat",
        "CXLSXWriter",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Yams", package: "Yams"),
        // REFI-QDA projects (.qdpx) are ZIP files.
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        // The report's page layout (Report/ReportRenderer.swift).
        .product(name: "Mustache", package: "swift-mustache"),
      ],
      // One YAML file per shipped instrument, read at run time (see InstrumentCatalog), and the
      // report's template.
      resources: [.copy("Instruments/Definitions"), .copy("Report/Templates")]
    ),
    .executableTarget(
      name: "kith",
      dependencies: [
        "Kith",
        "KithCSV",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "KithCSVTests", dependencies: ["KithCSV"]),
    .testTarget(
      name: "KithTests",
      dependencies: [
        "Kith", "KithCSV", .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      // Reference values and the scripts that computed them, golden files of user-visible text,
      // inputs the fuzzers found, and Excel workbooks with their script, read by path.
      exclude: ["Reference", "Golden", "FuzzCrashes", "ExcelFixtures"]
    ),
    .testTarget(name: "kithTests", dependencies: ["kith"]),
  ]
)
