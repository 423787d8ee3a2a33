import Crypto
import Foundation

extension ReportProvenance {
  /// The provenance a release's manifest records.
  init(_ manifest: Manifest) {
    self.init(
      kithVersion: manifest.kithVersion, study: manifest.study, pipeline: manifest.pipeline,
      pipelineSHA256: manifest.pipelineSHA256, keyFingerprint: manifest.keyFingerprint,
      disclosure: manifest.disclosure, kAnonymity: manifest.kAnonymity,
      inputs: manifest.inputs.map {
        Input(
          name: $0.name, rowsRead: $0.rowsRead, rowsAccepted: $0.rowsAccepted, sha256: $0.sha256)
      })
  }
}

/// `kith report OUT`: the report of an existing release, drawn again from its published files
/// (no inputs, no key), and, on request, printed to PDF by headless Chromium.
public enum ReleaseReport {
  /// What re-rendering did.
  public enum Outcome: Equatable, Sendable {
    /// The page is the one the release holds, byte for byte.
    case unchanged
    /// The page changed (a template or title changed) and the manifest was updated with it.
    case rewritten
  }

  /// Draws the report of the release in `outputDirectory` again with `settings`, writing
  /// `release/report.html` (and its line in the manifest) when it differs.
  ///
  /// - Throws: ``DataError`` when the release does not match its manifest (a report is never drawn
  ///   from files changed since the run) or a file cannot be read; ``PipelineError`` for a
  ///   template or logo that cannot be used.
  public static func render(outputDirectory: URL, settings: ReportSettings) throws -> Outcome {
    let release = outputDirectory.appendingPathComponent("release")
    let manifestURL = release.appendingPathComponent(Manifest.fileName)
    guard FileManager.default.fileExists(atPath: manifestURL.path) else {
      throw DataError(
        "\(manifestURL.relativePath) does not exist: is \(outputDirectory.relativePath) the output "
          + "folder of a Kith run (the folder given to `kith run --out`)?")
    }
    // The report and its PDF are what this replaces; every other file must be as the run
    // wrote it.
    let mismatches = try ReleaseVerifier.verify(outputDirectory: outputDirectory).filter {
      ![ReportRenderer.fileName, "report.pdf"].contains($0.path)
    }
    guard mismatches.isEmpty else {
      throw DataError(
        "the release no longer matches its manifest ("
          + mismatches.prefix(3).map(\.description).joined(separator: "; ")
          + "), so no report is drawn from it; run the pipeline again")
    }
    var manifest = try Manifest.read(from: manifestURL)
    let source = try ReportSource(release: release, provenance: ReportProvenance(manifest))
    let page = Data(try ReportRenderer(settings).render(source).utf8)
    let url = release.appendingPathComponent(ReportRenderer.fileName)
    if FileManager.default.contents(atPath: url.path) == page { return .unchanged }
    try page.write(to: url, options: .atomic)
    try record(page, as: ReportRenderer.fileName, in: &manifest)
    try Data(try manifest.json().utf8).write(to: manifestURL, options: .atomic)
    return .rewritten
  }

  /// Prints the release's `report.html` to `release/report.pdf` (A4, by the page's print
  /// stylesheet) with headless Chromium, and lists it in the manifest.
  ///
  /// - Throws: ``EnvironmentError`` when Chromium is not installed or fails.
  public static func pdf(outputDirectory: URL) throws {
    let release = outputDirectory.appendingPathComponent("release")
    guard
      let chromium = ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap(
        Self.executable(named:)
      ).first
    else {
      throw EnvironmentError(
        "--pdf needs Chromium, which is not installed: install Debian's `chromium` package "
          + "(apt-get install chromium), or open release/report.html in a browser and print it")
    }
    let pdf = release.appendingPathComponent("report.pdf")
    let process = Process()
    process.executableURL = chromium
    process.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
      "--print-to-pdf=\(pdf.path)",
      release.appendingPathComponent(ReportRenderer.fileName).absoluteURL.absoluteString,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: pdf.path)
    else {
      throw EnvironmentError(
        "Chromium could not print \(release.relativePath)/report.html to PDF (exit status "
          + "\(process.terminationStatus)); open the page in a browser and print it instead")
    }
    let manifestURL = release.appendingPathComponent(Manifest.fileName)
    var manifest = try Manifest.read(from: manifestURL)
    try record(data, as: "report.pdf", in: &manifest)
    try Data(try manifest.json().utf8).write(to: manifestURL, options: .atomic)
  }

  /// Lists `data` under `path` in `manifest`, replacing an earlier line for it.
  private static func record(_ data: Data, as path: String, in manifest: inout Manifest) throws {
    manifest.outputs.removeAll { $0.path == path }
    manifest.outputs.append(
      Manifest.Output(
        path: path, bytes: data.count, sha256: Hex.string(SHA256.hash(data: data)), rows: 0))
    manifest.outputs.sort { $0.path < $1.path }
  }

  /// The program `name` on the `PATH`, if there is one.
  private static func executable(named name: String) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
      let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
  }
}
